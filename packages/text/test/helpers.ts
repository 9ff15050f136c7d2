import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TextVectorizerOptions } from "../src/index.js";

/** A fixture written by tooling/fixtures/gen_text_fixtures.py (scikit-learn's results). */
export interface TfidfFixture {
  name: string;
  description: string;
  options: TextVectorizerOptions;
  documents: string[];
  tokens: string[][];
  vocabulary: string[];
  documentFrequency: number[];
  idf: number[] | null;
  /** Words × documents. */
  matrix: number[][];
  transform: { documents: string[]; matrix: number[][] };
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

export function loadTfidfFixtures(): TfidfFixture[] {
  return readdirSync(FIXTURES)
    .filter((f) => /^tfidf-.*\.json$/.test(f))
    .sort()
    .map((f) => ({
      ...(JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as Omit<TfidfFixture, "name">),
      name: f,
    }));
}

/** Largest |a − b| over two equally shaped nested arrays. */
export function maxAbsDiff(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  a.forEach((row, i) => {
    const other = b[i] as readonly number[];
    if (row.length !== other.length) d = Number.POSITIVE_INFINITY;
    row.forEach((x, j) => {
      d = Math.max(d, Math.abs(x - (other[j] as number)));
    });
  });
  return d;
}
