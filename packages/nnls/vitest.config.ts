import { sharedBenchConfig, sharedTestConfig } from "@neural-nmf/tooling/vitest.shared";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    benchmark: sharedBenchConfig,
    // API type tests (test/*.test-d.ts, `expectTypeOf`), checked by tsc with tsconfig.test-d.json
    // and counted with the other tests. Type errors elsewhere are the typecheck stage's business.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "tsconfig.test-d.json",
      ignoreSourceErrors: true,
    },
  },
});
