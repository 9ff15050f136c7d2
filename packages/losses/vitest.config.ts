import { fileURLToPath } from "node:url";
import { sharedBenchConfig, sharedTestConfig } from "@neural-nmf/tooling/vitest.shared";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The README example imports the package by its public name; point that at the sources so the
  // example is tested as written without building first.
  resolve: {
    alias: { "@neural-nmf/losses": fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
  test: {
    ...sharedTestConfig,
    benchmark: sharedBenchConfig,
  },
});
