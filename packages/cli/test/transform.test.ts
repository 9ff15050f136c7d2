import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CscMatrix, type Tensor, tensor } from "@neural-nmf/tensor";
import { formatMatrixMarket, parseMatrixMarket } from "@neural-nmf/text";
import { type DocumentTopics, documentTopicsOf } from "neural-nmf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField, csvLines, jsonLines } from "../src/commands/transform.js";
import { readModelFile } from "../src/io/model-file.js";
import {
  DOCUMENTS,
  expectFailure as failure,
  lowRankMatrix,
  runCli as run,
  tempDir,
} from "./helpers.js";

const tmp = tempDir();
const at = (name: string) => join(tmp.dir, name);

interface Line {
  document: number;
  source: string | null;
  levels: { level: number; strongest: number | null; shares: number[] }[];
}

/** The expected topics of every document: `model.transform`, then `documentTopicsOf`. */
function expected(model: string, x: Tensor | CscMatrix | null, docs?: string[]) {
  const loaded = readModelFile(model);
  const data = x ?? loaded.vectorizer!.transform(docs!).matrix;
  return loaded.model.transform(data).map((s, l) => documentTopicsOf(l + 1, s));
}

function checkLines(lines: Line[], topics: DocumentTopics[], sources: (string | null)[]): void {
  const n = sources.length;
  expect(lines).toHaveLength(n);
  lines.forEach((line, j) => {
    expect(line.document).toBe(j);
    expect(line.source).toBe(sources[j]);
    expect(line.levels.map((l) => l.level)).toEqual(topics.map((t) => t.level));
    line.levels.forEach((level, l) => {
      const t = topics[l]!;
      const strongest = t.strongest[j]!;
      expect(level.strongest).toBe(strongest < 0 ? null : strongest);
      // Written with full precision: exactly the library's numbers.
      expect(level.shares).toEqual(Array.from({ length: t.topics }, (_, k) => t.shares[k * n + j]));
      if (strongest >= 0) expect(level.shares.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
    });
  });
}

let dense: Tensor;

beforeAll(() => {
  dense = lowRankMatrix(14, 12, 3, 2);
  writeFileSync(at("dense.mtx"), formatMatrixMarket(dense));
  writeFileSync(at("other.mtx"), formatMatrixMarket(lowRankMatrix(9, 5, 2, 3)));
  mkdirSync(at("docs"));
  for (const [name, text] of Object.entries(DOCUMENTS)) writeFileSync(at(`docs/${name}`), text);
  writeFileSync(
    at("corpus.jsonl"),
    `${Object.values(DOCUMENTS)
      .map((text) => JSON.stringify({ text }))
      .join("\n\n")}\n`,
  );
  // A document whose file name needs quoting in CSV.
  mkdirSync(at("odd"));
  writeFileSync(at('odd/a, "b".txt'), DOCUMENTS["a-cats.txt"]!);
  writeFileSync(at("odd/z.txt"), DOCUMENTS["e-market.txt"]!);
  const fit = (input: string, out: string, ranks: string) =>
    expect(run("fit", input, "--ranks", ranks, "--epochs", "40", "-q", "--out", out).status).toBe(
      0,
    );
  fit(at("dense.mtx"), at("matrix-model.json"), "3,2");
  fit(at("docs"), at("text-model.json"), "3,2");
}, 120_000);
afterAll(() => tmp.cleanup());

describe("neural-nmf transform", () => {
  it("writes one JSON line per column of a Matrix Market file: shares and strongest topics", () => {
    const r = run("transform", at("matrix-model.json"), at("dense.mtx"));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    checkLines(lines, expected(at("matrix-model.json"), dense), new Array(12).fill(null));
    expect(Object.keys(lines[0]!)).toEqual(["document", "source", "levels"]);
    // The same from the sparse reader's path: a matrix parsed back from the file.
    const x = parseMatrixMarket(readFileSync(at("dense.mtx"), "utf8"));
    checkLines(lines, expected(at("matrix-model.json"), x), new Array(12).fill(null));
  });

  it("writes CSV with a header and one row per document", () => {
    const r = run("transform", at("matrix-model.json"), at("dense.mtx"), "--format", "csv");
    expect(r.status, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header).toBe("document,source,L1_strongest,L1#0,L1#1,L1#2,L2_strongest,L2#0,L2#1");
    const topics = expected(at("matrix-model.json"), dense);
    expect(rows).toHaveLength(12);
    rows.forEach((row, j) => {
      const cells = row!.split(",");
      expect(cells[0]).toBe(String(j));
      expect(cells[1]).toBe("");
      let c = 2;
      for (const t of topics) {
        expect(cells[c++]).toBe(t.strongest[j]! < 0 ? "" : String(t.strongest[j]));
        for (let k = 0; k < t.topics; k++) expect(Number(cells[c++])).toBe(t.shares[k * 12 + j]);
      }
      expect(c).toBe(cells.length);
    });
  });

  it("reads text through the saved vectoriser: folders (file names) and JSON lines (line N)", () => {
    const docs = Object.values(DOCUMENTS);
    const topics = expected(at("text-model.json"), null, docs);
    const folder = run("transform", at("text-model.json"), at("docs"));
    expect(folder.status, folder.stderr).toBe(0);
    checkLines(
      folder.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as Line),
      topics,
      Object.keys(DOCUMENTS),
    );
    const jsonl = run("transform", at("text-model.json"), at("corpus.jsonl"), "-q");
    expect(jsonl.status, jsonl.stderr).toBe(0);
    checkLines(
      jsonl.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as Line),
      topics,
      docs.map((_, i) => `line ${2 * i + 1}`),
    );
  });

  it("writes a document with no weight at all as strongest null (CSV: empty), shares 0", () => {
    // Column 1 is all zeros: no topic in it.
    const topics = [
      documentTopicsOf(
        1,
        tensor([
          [2, 0, 1],
          [2, 0, 3],
        ]),
      ),
    ];
    const sources = ["a.txt", "b.txt", null];
    expect(jsonLines(topics, sources).map((l) => JSON.parse(l))).toEqual([
      { document: 0, source: "a.txt", levels: [{ level: 1, strongest: 0, shares: [0.5, 0.5] }] },
      { document: 1, source: "b.txt", levels: [{ level: 1, strongest: null, shares: [0, 0] }] },
      { document: 2, source: null, levels: [{ level: 1, strongest: 1, shares: [0.25, 0.75] }] },
    ]);
    expect(csvLines(topics, sources)).toEqual([
      "document,source,L1_strongest,L1#0,L1#1",
      "0,a.txt,0,0.5,0.5",
      "1,b.txt,,0,0",
      "2,,1,0.25,0.75",
    ]);
  });

  it("quotes CSV fields that need it", () => {
    const r = run("transform", at("text-model.json"), at("odd"), "--format", "csv");
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows[1]).toMatch(/^0,"a, ""b"".txt",\d,/);
    expect(rows[2]).toMatch(/^1,z\.txt,\d,/);
    expect([csvField("plain"), csvField("a,b"), csvField('say "hi"'), csvField("x\ny")]).toEqual([
      "plain",
      '"a,b"',
      '"say ""hi"""',
      '"x\ny"',
    ]);
  });

  it("writes --out, and then neither replaces it without --force nor ever an input", () => {
    const out = at("topics.jsonl");
    const r = run("transform", at("matrix-model.json"), at("dense.mtx"), "--out", out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `Topic shares of 12 documents at 2 levels (JSON lines) written to ${out}\n`,
    );
    const written = readFileSync(out, "utf8");
    expect(written).toBe(run("transform", at("matrix-model.json"), at("dense.mtx")).stdout);
    expect(
      failure(run("transform", at("matrix-model.json"), at("dense.mtx"), "--out", out), 2),
    ).toMatch(/transform: --out '.*topics\.jsonl' already exists; add --force to replace it/);
    const csv = run(
      "transform",
      at("matrix-model.json"),
      at("dense.mtx"),
      "--out",
      out,
      "--force",
      "--format",
      "csv",
    );
    expect(csv.status, csv.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^document,source,L1_strongest/);
    for (const [file, what] of [
      [at("dense.mtx"), "input"],
      [at("matrix-model.json"), "model file"],
    ] as const) {
      expect(
        failure(run("transform", at("matrix-model.json"), at("dense.mtx"), "-o", file, "-f"), 2),
      ).toContain(`is the ${what} '${file}'; writing the output file there would destroy it`);
    }
    expect(
      failure(run("transform", at("text-model.json"), at("docs"), "-o", at("docs/new.txt")), 2),
    ).toMatch(/is inside the input folder/);
    expect(existsSync(at("docs/new.txt"))).toBe(false);
  });

  it("refuses text for a model without a vectoriser, before reading it", () => {
    expect(failure(run("transform", at("matrix-model.json"), at("docs")), 2)).toMatch(
      /transform: model '.*matrix-model\.json' was fitted on a matrix and has no vectoriser, so it cannot read text input '.*docs'; give it a Matrix Market file with the model's 14 rows \(see 'neural-nmf transform --help'\)/,
    );
  });

  it("refuses data that does not fit, and bad command lines", () => {
    expect(failure(run("transform", at("matrix-model.json"), at("other.mtx")), 1)).toMatch(
      /'.*other\.mtx' has 9 rows but the model was fitted on data with 14 rows/,
    );
    expect(failure(run("transform", at("missing.json"), at("dense.mtx")), 1)).toMatch(
      /cannot read model file '.*missing\.json': no such file or directory/,
    );
    expect(failure(run("transform", at("matrix-model.json"), at("nope.mtx")), 1)).toMatch(
      /cannot read input/,
    );
    expect(failure(run("transform", at("matrix-model.json")), 2)).toMatch(
      /transform: missing input/,
    );
    expect(failure(run("transform", "m", "d", "--fromat", "csv"), 2)).toMatch(
      /unknown option '--fromat' \(did you mean --format\?\)/,
    );
    expect(failure(run("transform", "m", "d", "--format", "csv", "--format", "csv"), 2)).toMatch(
      /--format given twice/,
    );
    expect(failure(run("transform", "m", "d", "-f"), 2)).toMatch(/--force applies to --out only/);
  });

  it("is listed in the help", () => {
    const help = run("--help");
    expect(help.stdout).toMatch(
      /^ {2}transform <model\.json> <input> {2,}each document's topic shares/m,
    );
    const own = run("transform", "--help");
    expect(own.status).toBe(0);
    expect(own.stdout).toMatch(/^Usage: neural-nmf transform <model\.json> <input> \[options\]/);
    for (const flag of ["--format", "--out", "--force", "--quiet"])
      expect(own.stdout).toContain(flag);
    expect(failure(run("transfrom"), 2)).toMatch(
      /unknown command 'transfrom' \(did you mean 'transform'\?\); commands are fit, transform, topics, eval or demo/,
    );
  });
});
