import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Random, Tensor } from "@neural-nmf/tensor";
import { expect } from "vitest";
import { main } from "../src/main.js";

/** A fresh temporary folder and a function that deletes it. */
export function tempDir(): {
  dir: string;
  cleanup: () => void;
  write: (name: string, text: string) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), "neural-nmf-cli-"));
  return {
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** A nonnegative m × n matrix of rank k (plus a little noise), seeded. */
export function lowRankMatrix(m: number, n: number, k: number, seed: number): Tensor {
  const rng = new Random(seed);
  const w = rng.fillUniform(new Float64Array(m * k));
  const h = rng.fillUniform(new Float64Array(k * n));
  const x = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0.01 * rng.uniform();
      for (let r = 0; r < k; r++) s += (w[i * k + r] as number) * (h[r * n + j] as number);
      x[i * n + j] = s;
    }
  }
  return Tensor.fromTypedArray(x, [m, n]);
}

/** A stream that records what is written to it. */
export function recorder(options: { isTTY?: boolean; columns?: number } = {}): {
  write(chunk: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
  text(): string;
} {
  const chunks: string[] = [];
  return {
    ...options,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(""),
  };
}

/** Nine short documents about three subjects (pets, markets, weather). */
export const DOCUMENTS: Record<string, string> = {
  "a-cats.txt": "The cat sat on the mat. Cats love sleeping on warm mats and chasing mice.",
  "b-kitten.txt": "A kitten is a young cat. Kittens chase mice and sleep on the mat all day.",
  "c-dogs.txt":
    "Dogs bark at the mailman. A dog loves walks, bones and fetching sticks in the park.",
  "d-puppy.txt": "The puppy fetched the stick in the park; puppies and dogs love bones and walks.",
  "e-market.txt": "Stock markets fell as investors sold shares; the market index dropped sharply.",
  "f-stocks.txt": "Investors bought shares when stock markets rose and the index climbed.",
  "g-bank.txt": "The bank raised interest rates; investors and markets reacted to the rates.",
  "h-rain.txt": "Heavy rain and storms hit the coast; the weather forecast warns of more rain.",
  "i-sun.txt": "Sunny weather returns after the storms; the forecast promises sun and warm days.",
};

/** What one in-process run of the CLI printed, and its exit code. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with `argv`. */
export function runCli(...argv: string[]): CliRun {
  const stdout = recorder();
  const stderr = recorder();
  const status = main(argv, { stdout, stderr });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** Checks a failed run: exit `status`, one error line on stderr, nothing on stdout. */
export function expectFailure(r: CliRun, status: number): string {
  expect(r.status, r.stderr).toBe(status);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^neural-nmf: error: [^\n]+\n$/);
  return r.stderr;
}
