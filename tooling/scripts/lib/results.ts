// Where the scripts put what they measured: JSON under docs/public/results, read by the docs site.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./shared-data.js";

/** Environment of a single-threaded Python baseline, so both sides run on one core. */
export const singleThreadEnv: NodeJS.ProcessEnv = {
  ...process.env,
  OMP_NUM_THREADS: "1",
  OPENBLAS_NUM_THREADS: "1",
  MKL_NUM_THREADS: "1",
};

/** Writes `docs/public/results/<name>.json` and returns its path. */
export function writeResults(name: string, value: unknown): string {
  const dir = join(repoRoot, "docs", "public", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`);
  return file;
}
