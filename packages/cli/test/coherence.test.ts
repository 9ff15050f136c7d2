import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatMatrixMarket, TextVectorizer, topicCoherence } from "@neural-nmf/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COHERENCE_TOP_N, COHERENCE_WINDOW, coherenceOf, coherenceText } from "../src/coherence.js";
import { readModelFile } from "../src/io/model-file.js";
import { tokenizeDocuments } from "../src/io/text-documents.js";
import {
  DOCUMENTS,
  expectFailure as failure,
  lowRankMatrix,
  runCli as run,
  tempDir,
} from "./helpers.js";

const tmp = tempDir();
const at = (name: string) => join(tmp.dir, name);

/** The words of each topic of each level of a saved model, as `topics` scores them. */
function modelWords(path: string): string[][][] {
  const { model, vocabulary } = readModelFile(path);
  return model.ranks.map((_, l) =>
    model.topWords(l + 1, vocabulary!, COHERENCE_TOP_N).map((t) => t.map((w) => w.word)),
  );
}

/** The documents as the saved vectoriser tokenises them. */
function tokens(path: string): string[][] {
  const { vectorizer } = readModelFile(path);
  return Object.values(DOCUMENTS).map((d) => vectorizer!.tokenize(d));
}

const EVIL = "<script>alert(1)</script>";

beforeAll(() => {
  mkdirSync(at("docs"));
  for (const [name, text] of Object.entries(DOCUMENTS)) writeFileSync(at(`docs/${name}`), text);
  // A document whose name is markup: it must come out escaped in the HTML tree.
  mkdirSync(at("more"));
  writeFileSync(at(`more/${EVIL.replace(/\//g, "_")}.txt`), DOCUMENTS["c-dogs.txt"]!);
  for (const [name, text] of Object.entries(DOCUMENTS)) writeFileSync(at(`more/${name}`), text);
  writeFileSync(
    at("corpus.jsonl"),
    Object.values(DOCUMENTS)
      .map((text) => JSON.stringify({ text }))
      .join("\n"),
  );
  writeFileSync(at("dense.mtx"), formatMatrixMarket(lowRankMatrix(14, 12, 3, 2)));
  // Row names with markup in them, for a matrix model.
  writeFileSync(
    at("rows.txt"),
    `${Array.from({ length: 14 }, (_, i) => (i % 2 ? `w${i}` : `${EVIL}${i}`)).join("\n")}\n`,
  );
  const fit = (...args: string[]) => {
    const r = run("fit", ...args, "--epochs", "40", "-q");
    expect(r.status, r.stderr).toBe(0);
  };
  fit(at("docs"), "--ranks", "3,2", "--out", at("text.json"));
  fit(at("dense.mtx"), "--ranks", "3,2", "--out", at("matrix.json"));
  fit(at("dense.mtx"), "--ranks", "3,2", "--vocab", at("rows.txt"), "--out", at("named.json"));
}, 120_000);
afterAll(() => tmp.cleanup());

describe("coherenceOf", () => {
  it("equals topicCoherence of @neural-nmf/text (NPMI window 10, UMass, top 10) per level", () => {
    const words = modelWords(at("text.json"));
    const docs = tokens(at("text.json"));
    const report = coherenceOf(words, docs);
    expect(report).toMatchObject({ documents: 9, topN: 10, window: 10 });
    report.levels.forEach((level, l) => {
      const topics = words[l]!;
      for (const measure of ["npmi", "umass"] as const) {
        const direct = topicCoherence(topics, docs, {
          measure,
          window: COHERENCE_WINDOW,
          topN: COHERENCE_TOP_N,
        });
        expect(level[measure]).toEqual(direct.perTopic);
        const mean = measure === "npmi" ? level.meanNpmi : level.meanUmass;
        expect(mean).toBeCloseTo(direct.mean, 12);
      }
    });
  });

  it("leaves out topics with fewer than two words in the documents", () => {
    const docs = [
      ["cat", "dog", "cat", "mouse"],
      ["dog", "bone", "cat"],
      ["stock", "market"],
    ];
    const report = coherenceOf(
      [
        [
          ["cat", "dog", "mouse"],
          ["zebra", "yak"],
          ["stock", "unicorn"],
        ],
      ],
      docs,
    );
    const [level] = report.levels;
    expect(level!.npmi[1]).toBeNull();
    expect(level!.npmi[2]).toBeNull();
    expect(level!.npmi[0]).toBe(topicCoherence([["cat", "dog", "mouse"]], docs).perTopic[0]);
    expect(level!.meanNpmi).toBe(level!.npmi[0]);
    expect(level!.umass[0]).toBe(
      topicCoherence([["cat", "dog", "mouse"]], docs, { measure: "umass" }).perTopic[0],
    );
    const text = coherenceText(report, "'x'");
    expect(text).toMatch(/^\s+1 {2}L1#1 {5,}– {6,}–$/m);
    expect(text).toContain("left out of the mean");
  });
});

describe("topics --documents", () => {
  it("prints NPMI in the tree and a table of NPMI and UMass per topic with means per level", () => {
    const r = run("topics", at("text.json"), "--documents", at("docs"));
    expect(r.status, r.stderr).toBe(0);
    const report = coherenceOf(modelWords(at("text.json")), tokens(at("text.json")));
    const f = (v: number | null) => (v === null ? "–" : v.toFixed(3));
    for (const level of report.levels) {
      level.npmi.forEach((v, t) => {
        expect(r.stdout).toMatch(new RegExp(`L${level.level}#${t} .*NPMI +${literal(f(v))} `));
        expect(r.stdout).toMatch(
          new RegExp(
            `^ +${level.level} {2}L${level.level}#${t} +${literal(f(v))} +${literal(f(level.umass[t]!))}$`,
            "m",
          ),
        );
      });
      expect(r.stdout).toMatch(
        new RegExp(
          `^ +${level.level} {2}mean +${literal(f(level.meanNpmi))} +${literal(f(level.meanUmass))}$`,
          "m",
        ),
      );
    }
    expect(r.stdout).toContain("Coherence of each topic's top 10 words in the 9 documents of");
  });

  it("puts the coherence in the --json object", () => {
    const r = run("topics", at("text.json"), "--documents", at("corpus.jsonl"), "--json");
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as {
      coherence: { levels: { npmi: number[]; meanUmass: number }[]; documents: number };
      levels: unknown[];
    };
    const report = coherenceOf(modelWords(at("text.json")), tokens(at("text.json")));
    expect(json.coherence.documents).toBe(9);
    json.coherence.levels.forEach((level, l) => {
      level.npmi.forEach((v, t) => {
        expect(v).toBeCloseTo(report.levels[l]!.npmi[t]!, 9);
      });
      expect(level.meanUmass).toBeCloseTo(report.levels[l]!.meanUmass!, 9);
    });
    expect(json.levels).toHaveLength(2);
  });

  it("refuses a Matrix Market file and a model without words", () => {
    expect(failure(run("topics", at("text.json"), "--documents", at("dense.mtx")), 2)).toMatch(
      /topics: --documents takes text \(a folder of \.txt files or a \.jsonl file\), and '.*dense\.mtx' is a Matrix Market file/,
    );
    expect(failure(run("topics", at("matrix.json"), "--documents", at("docs")), 2)).toMatch(
      /topics: --documents needs the words of the model's rows, and the model has none; add --vocab FILE/,
    );
    expect(failure(run("topics", at("text.json"), "--documents", at("none")), 1)).toMatch(
      /cannot read input '.*none'/,
    );
  });
});

describe("eval --documents", () => {
  it("adds the coherence table to the summary and to --json", () => {
    const text = run("eval", at("text.json"), at("docs"), "--documents", at("docs"));
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/relative error/);
    expect(text.stdout).toMatch(/^level {2}topic {2,}NPMI {2,}UMass$/m);
    expect(text.stdout).toMatch(/^ +2 {2}mean +-?\d\.\d{3} +-?\d+\.\d{3}$/m);
    const json = run("eval", at("text.json"), at("docs"), "--documents", at("docs"), "--json");
    expect(json.status, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(["relativeError", "ranks", "shape", "coherence"]);
    const report = coherenceOf(modelWords(at("text.json")), tokens(at("text.json")));
    const c = summary.coherence as { levels: { umass: number[] }[] };
    expect(c.levels[0]!.umass[0]).toBeCloseTo(report.levels[0]!.umass[0]!, 9);
  });

  it("works for a matrix model with saved row names, and refuses one without", () => {
    const r = run("eval", at("named.json"), at("dense.mtx"), "--documents", at("docs"), "--json");
    expect(r.status, r.stderr).toBe(0);
    const c = (JSON.parse(r.stdout) as { coherence: { levels: { npmi: unknown[] }[] } }).coherence;
    // None of the row names occurs in the documents: nothing can be scored.
    expect(c.levels[0]!.npmi).toEqual([null, null, null]);
    expect(
      failure(run("eval", at("matrix.json"), at("dense.mtx"), "--documents", at("docs")), 2),
    ).toMatch(/eval: --documents needs the words of the model's rows/);
    expect(
      failure(run("eval", at("text.json"), at("docs"), "--documents", at("dense.mtx")), 2),
    ).toMatch(/eval: --documents takes text/);
  });
});

describe("topics --html / --svg", () => {
  it("writes the interactive page and the drawing, sized and illustrated by --documents", () => {
    const html = at("tree.html");
    const svg = at("tree.svg");
    const r = run(
      "topics",
      at("text.json"),
      "--documents",
      at("more"),
      "--html",
      html,
      "--svg",
      svg,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `Topic tree (interactive HTML) written to ${html}: open it in a browser`,
    );
    expect(r.stdout).toContain(`Topic tree (SVG drawing) written to ${svg}`);
    const page = readFileSync(html, "utf8");
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page.match(/<details class="nnmf-topic"/g)).toHaveLength(5);
    expect(page).toContain('data-size-by="documents"');
    expect(page).toContain("NPMI ");
    // The file named after markup is listed as a document, escaped.
    expect(page).toContain("&lt;script&gt;alert(1)&lt;_script&gt;.txt");
    expect(page.match(/<script/g)).toHaveLength(1);
    const sizes = [...page.matchAll(/data-level="1" data-topic="\d" data-size="([\d.e-]+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(sizes.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
    const drawing = readFileSync(svg, "utf8");
    expect(drawing.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(drawing.match(/<g class="nnmf-node"/g)).toHaveLength(5);
    expect(drawing.match(/<path class="nnmf-edge"/g)).toHaveLength(3);
  });

  it("without --documents sizes topics by the saved weights; escapes row names", () => {
    const html = at("named.html");
    const svg = at("named.svg");
    const r = run("topics", at("named.json"), "--html", html, "--svg", svg, "--json");
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ html, svg });
    const page = readFileSync(html, "utf8");
    expect(page).toContain('data-size-by="weight"');
    expect(page).not.toContain(EVIL);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(readFileSync(svg, "utf8")).not.toMatch(/<script/);
  });

  it("follows the rules of fit --out", () => {
    const html = at("tree.html"); // written by the first test of this block
    expect(failure(run("topics", at("text.json"), "--html", html), 2)).toMatch(
      /topics: --html '.*tree\.html' already exists; add --force to replace it/,
    );
    expect(run("topics", at("text.json"), "--html", html, "--force").status).toBe(0);
    expect(failure(run("topics", at("text.json"), "--svg", at("text.json"), "-f"), 2)).toMatch(
      /topics: --svg '.*text\.json' is the model file '.*text\.json'; writing the SVG drawing there would destroy it/,
    );
    expect(
      failure(
        run("topics", at("text.json"), "--documents", at("docs"), "--html", at("docs/t.txt")),
        2,
      ),
    ).toMatch(/is inside the documents input folder/);
    expect(
      failure(run("topics", at("text.json"), "--html", at("same"), "--svg", at("same")), 2),
    ).toMatch(/topics: --html and --svg name the same file/);
    expect(failure(run("topics", at("text.json"), "--force"), 2)).toMatch(
      /--force applies to --html and --svg only/,
    );
    expect(existsSync(at("same"))).toBe(false);
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// A model without a vectoriser (fitted on a matrix with --vocab) reads --documents with the
// tokeniser fit uses by default.
it("tokenises --documents with the model's vectoriser, else fit's default tokeniser", () => {
  const text = "The Cats sat on the mats, didn't they?";
  const fitted = readModelFile(at("text.json")).vectorizer!;
  expect(tokenizeDocuments([text], fitted)).toEqual([fitted.tokenize(text)]);
  expect(tokenizeDocuments([text], null)).toEqual([
    new TextVectorizer({ stopWords: "english" }).tokenize(text),
  ]);
});
