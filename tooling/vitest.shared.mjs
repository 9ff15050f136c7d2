/**
 * Vitest settings shared by every package: each package writes a JSON report that
 * `tooling/scripts/test-all.mjs` adds up into the single `N passed, N failed` line CI reads.
 */
export const sharedTestConfig = {
  include: ["test/**/*.test.ts"],
  reporters: ["default", "json"],
  outputFile: { json: ".vitest-result.json" },
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // Lets memory tests force a collection (`globalThis.gc`) so heap growth is measured, not guessed.
  execArgv: ["--expose-gc"],
  setupFiles: [new URL("./vitest.setup.mjs", import.meta.url).pathname],
};

/** Benchmarks live beside the tests, under `bench/`, and run with `vitest bench --run`. */
export const sharedBenchConfig = {
  include: ["bench/**/*.bench.ts"],
};
