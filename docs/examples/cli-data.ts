import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatMatrixMarket } from "@neural-nmf/text";
import { syntheticHierarchy } from "neural-nmf";
import { SAMPLE_CORPUS, SAMPLE_TOPICS } from "./corpus.ts";

/** Writes the input files of the command-line examples into `dir`. */
export function main(dir: string) {
  // A folder of .txt files: one document per file, columns in file-name order.
  mkdirSync(join(dir, "corpus"), { recursive: true });
  SAMPLE_CORPUS.forEach((text, j) => {
    writeFileSync(join(dir, "corpus", `doc${String(j).padStart(2, "0")}.txt`), text);
  });

  // JSON lines: one {"text", "label"} object per line; a label may be a class name.
  const names = ["football", "tennis", "baking", "gardening"];
  const lines = SAMPLE_CORPUS.map((text, j) =>
    JSON.stringify({ text, label: names[SAMPLE_TOPICS[j]!] }),
  );
  writeFileSync(join(dir, "corpus.jsonl"), `${lines.join("\n")}\n`);

  // A Matrix Market matrix (features × samples), its labels, and the columns whose label is known.
  const { X, labels } = syntheticHierarchy({ seed: 1 });
  writeFileSync(join(dir, "data.mtx"), formatMatrixMarket(X));
  writeFileSync(join(dir, "labels.txt"), `${Array.from(labels[2]!).join("\n")}\n`);
  const known = Array.from({ length: X.cols }, (_, j) => j).filter((j) => j % 9 < 4);
  writeFileSync(join(dir, "known.txt"), `${known.join("\n")}\n`);
  return { documents: SAMPLE_CORPUS.length, shape: X.shape, known: known.length };
}
