// Loads the shared data sets from ../shared/data (relative to the repository root). Scripts only:
// the packages never read files.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { parseMatrixMarket } from "@neural-nmf/text";

export const repoRoot = new URL("../../..", import.meta.url).pathname;
export const sharedDir = join(repoRoot, "..", "shared");
export const dataDir = join(sharedDir, "data");

/** Whether the shared data sets are present. */
export function hasSharedData(): boolean {
  return existsSync(join(dataDir, "synthetic-hierarchy", "X.mtx"));
}

function readInts(path: string): Int32Array {
  return Int32Array.from(
    readFileSync(path, "utf8")
      .split(/\s+/)
      .filter((s) => s.length > 0)
      .map(Number),
  );
}

/** The paper's synthetic data: X 87×90, labels at 3 levels, and the label masks. */
export function loadSyntheticHierarchy(): {
  X: Tensor;
  labels: { 9: Int32Array; 4: Int32Array; 2: Int32Array };
  masks: Record<string, number[]>;
} {
  const dir = join(dataDir, "synthetic-hierarchy");
  const X = parseMatrixMarket(readFileSync(join(dir, "X.mtx"), "utf8")) as Tensor;
  const masks = JSON.parse(readFileSync(join(dir, "known.json"), "utf8")).masks as Record<
    string,
    number[]
  >;
  return {
    X,
    labels: {
      9: readInts(join(dir, "labels9.txt")),
      4: readInts(join(dir, "labels4.txt")),
      2: readInts(join(dir, "labels2.txt")),
    },
    masks,
  };
}

/** The 20 Newsgroups subsample: sparse tf-idf X 37 693×200, vocabulary, labels, known set. */
export function load20News(): {
  X: CscMatrix;
  vocabulary: string[];
  labelsSub: Int32Array;
  labelsSuper: Int32Array;
  namesSub: string[];
  namesSuper: string[];
  known: Int32Array;
} {
  const dir = join(dataDir, "20news-subsample");
  const lines = (f: string) =>
    readFileSync(join(dir, f), "utf8")
      .split("\n")
      .filter((s) => s.length > 0);
  return {
    X: parseMatrixMarket(readFileSync(join(dir, "X.mtx"), "utf8")) as CscMatrix,
    vocabulary: lines("vocab.txt"),
    labelsSub: readInts(join(dir, "labels_sub.txt")),
    labelsSuper: readInts(join(dir, "labels_super.txt")),
    namesSub: lines("names_sub.txt"),
    namesSuper: lines("names_super.txt"),
    known: readInts(join(dir, "known60.txt")),
  };
}
