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
  // API type tests (test/*.test-d.ts, `expectTypeOf`), checked by tsc with each package's
  // tsconfig.test-d.json and counted with the other tests. Type errors elsewhere are the
  // typecheck stage's business.
  typecheck: {
    enabled: true,
    include: ["test/**/*.test-d.ts"],
    tsconfig: "tsconfig.test-d.json",
    ignoreSourceErrors: true,
  },
};

/** Benchmarks live beside the tests, under `bench/`, and run with `vitest bench --run`. */
export const sharedBenchConfig = {
  include: ["bench/**/*.bench.ts"],
};
