import { sharedBenchConfig, sharedTestConfig } from "@neural-nmf/tooling/vitest.shared";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    benchmark: sharedBenchConfig,
  },
});
