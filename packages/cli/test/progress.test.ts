import { CscMatrix } from "@neural-nmf/tensor";
import { formatMatrixMarket } from "@neural-nmf/text";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/main.js";
import { DOCUMENTS, lowRankMatrix, recorder, tempDir } from "./helpers.js";

// The commands thread a progress display through reading and vectorising. Quick steps draw
// nothing, so the clock is faked: every reading of it moves it 250 ms on.
const tmp = tempDir();
let jsonl = "";
let mtx = "";
let model = "";

beforeAll(() => {
  jsonl = tmp.write(
    "corpus.jsonl",
    Object.values(DOCUMENTS)
      .map((text) => JSON.stringify({ text }))
      .join("\n"),
  );
  mtx = tmp.write("x.mtx", formatMatrixMarket(CscMatrix.fromDense(lowRankMatrix(14, 12, 3, 2))));
  model = `${tmp.dir}/model.json`;
});
afterAll(() => tmp.cleanup());

let clock = 0;
beforeEach(() => {
  clock = 0;
  vi.spyOn(performance, "now").mockImplementation(() => (clock += 250));
});
afterEach(() => {
  vi.restoreAllMocks();
});

function run(argv: string[], tty: boolean): { status: number; stderr: string } {
  const stderr = recorder(tty ? { isTTY: true, columns: 120 } : {});
  const status = main(argv, { stdout: recorder(), stderr });
  // "Erase to the end of the line" as <EL>, for readable patterns.
  return { status, stderr: stderr.text().replaceAll("\x1b[K", "<EL>") };
}

describe("progress of reading and vectorising", () => {
  it("fit: a bar per step on a terminal, each line ended", () => {
    const r = run(["fit", jsonl, "--ranks", "2", "--epochs", "2", "--out", model], true);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /\rReading .*corpus\.jsonl \[█+\] 100% {2}\d+ B of \d+ B, 9 documents {2}[\d.]+s<EL>\n/,
    );
    expect(r.stderr).toMatch(/\rVectorising \[█{20}\] 100% {2}9\/9 documents {2}[\d.]+s<EL>\n/);
    const matrix = run(["fit", mtx, "--ranks", "2", "--epochs", "2"], true);
    expect(matrix.stderr).toMatch(
      /\rReading .*x\.mtx \[█{20}\] 100% {2}[\d.]+ k?B of [\d.]+ k?B, 168 entries/,
    );
    expect(matrix.stderr).not.toContain("Vectorising");
  });

  it("fit: nothing with --quiet, and nothing off a terminal", () => {
    const quiet = run(["fit", jsonl, "--ranks", "2", "--epochs", "2", "--quiet"], true);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe("");
    const pipe = run(["fit", jsonl, "--ranks", "2", "--epochs", "2"], false);
    expect(pipe.stderr).toMatch(/^Fitting ranks 2 on 9 documents/);
    expect(pipe.stderr).not.toMatch(/Reading|Vectorising|\r/);
  });

  it("eval: the same, with its new --quiet", () => {
    expect(
      // The first test saved a model there already: replacing it takes --force.
      run(["fit", jsonl, "--ranks", "2", "--epochs", "2", "-q", "-o", model, "--force"], false)
        .status,
    ).toBe(0);
    const shown = run(["eval", model, jsonl], true);
    expect(shown.status).toBe(0);
    expect(shown.stderr).toMatch(/\rReading .*corpus\.jsonl \[█+\] 100%/);
    expect(shown.stderr).toMatch(/\rVectorising \[█+\] 100% {2}9\/9 documents/);
    expect(run(["eval", model, jsonl, "--quiet"], true).stderr).toBe("");
    expect(run(["eval", model, jsonl], false).stderr).toBe("");
  });

  it("clears the bar before the error message of a malformed input", () => {
    // Larger than a 64 KiB chunk, so progress is drawn before the bad line is reached.
    const bad = tmp.write("bad.jsonl", `${'{"text":"fine"}\n'.repeat(5000)}{"text":\n`);
    const r = run(["fit", bad, "--ranks", "2"], true);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\rReading .*bad\.jsonl \[█+░+\]/);
    expect(r.stderr).toMatch(/\r<EL>neural-nmf: error: .*bad\.jsonl: line 5001: invalid JSON/);
  });
});
