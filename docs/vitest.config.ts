import { sharedTestConfig } from "@neural-nmf/tooling/vitest.shared";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // The browser test builds and serves the whole site: give it room, and run files one by one
    // so the build does not compete with the examples for the two cores.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // The site has no API type tests of its own (the packages have them).
    typecheck: { enabled: false },
  },
});
