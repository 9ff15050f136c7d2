/**
 * Unit tests of the site's client code that does not need a browser: chart maths, the reader
 * of the results files and the training run of the demo (which the Web Worker wraps).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { topicTreeHtmlFragment } from "neural-nmf";
import { describe, expect, it } from "vitest";
import {
  decimate,
  formatNumber,
  linearScale,
  linePath,
  logScale,
  niceDomain,
  niceTicks,
} from "../components/charts.ts";
import { buildResults, findLossCurves, formatDate } from "../components/results-model.ts";
import { parseRanks, runTraining, splitDocuments } from "../components/train-core.ts";
import { SAMPLE_CORPUS } from "../examples/corpus.ts";
import { DOCS_DIR } from "./site.ts";

describe("charts", () => {
  it("nice ticks and domains", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 9000, 4)).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(niceDomain(0.03, 0.47)).toEqual([0, 0.5]);
    expect(niceDomain(6357, 14375)).toEqual([6000, 16000]);
  });

  it("scales map the domain onto the range", () => {
    const x = linearScale([0, 10], [100, 200]);
    expect(x(0)).toBe(100);
    expect(x(5)).toBe(150);
    const y = logScale([1, 1000], [300, 0]);
    expect(y(1)).toBe(300);
    expect(y(1000)).toBe(0);
    expect(y(10)).toBeCloseTo(200);
    expect(y.ticks).toEqual([1, 10, 100, 1000]);
  });

  it("paths skip non-finite points and decimation keeps the ends", () => {
    const x = linearScale([0, 3], [0, 30]);
    const y = linearScale([0, 3], [30, 0]);
    expect(
      linePath(
        [
          [0, 0],
          [1, Number.NaN],
          [2, 2],
          [3, 3],
        ],
        x,
        y,
      ),
    ).toBe("M0 30M20 10L30 0");
    const long = Array.from({ length: 1000 }, (_, i) => i);
    const short = decimate(long, 10);
    expect(short).toHaveLength(10);
    expect(short[0]).toBe(0);
    expect(short.at(-1)).toBe(999);
    expect(formatNumber(0.28157)).toBe("0.282");
    expect(formatNumber(12345)).toBe("12345");
    expect(formatNumber(2e-5)).toBe("2.0e-5");
  });
});

describe("results model", () => {
  it("reads the committed result files without errors", () => {
    const dir = join(DOCS_DIR, "public", "results");
    const files = (existsSync(dir) ? readdirSync(dir) : [])
      .filter((f) => f.endsWith(".json"))
      .map((name) => ({
        name,
        json: JSON.parse(readFileSync(join(dir, name), "utf8")) as unknown,
      }));
    const model = buildResults(files);
    expect(model.files).toHaveLength(files.length);
    expect(model.files.filter((f) => f.status === "error")).toEqual([]);
    if (files.some((f) => f.name === "reproduce.json")) {
      expect(model.synthetic.length).toBeGreaterThan(0);
      for (const r of model.synthetic) expect(r.error).not.toBeNull();
    }
    for (const b of model.benchmarks) expect(b.configs.length).toBeGreaterThan(0);
  });

  it("renders nothing, without failing, when there are no files or they are odd", () => {
    expect(buildResults([])).toMatchObject({
      files: [],
      synthetic: [],
      news: [],
      benchmarks: [],
      lossCurves: [],
    });
    const model = buildResults([
      { name: "broken.json", error: "Unexpected token" },
      { name: "bench-x.json", json: { results: "not an array" } },
      { name: "other.json", json: [1, 2, 3] },
    ]);
    expect(model.files.map((f) => f.status)).toEqual(["error", "unrecognised", "unrecognised"]);
    // The topic tree of the Brown corpus is the topic-tree page's, recognised and left alone.
    const tree = buildResults([
      { name: "brown-tree.json", json: { format: "neural-nmf-topic-tree", levels: [] } },
    ]);
    expect(tree.files).toEqual([
      { name: "brown-tree.json", status: "ok", detail: "a topic tree (topic-tree page)" },
    ]);
    expect(tree.lossCurves).toEqual([]);
  });

  it("reads benchmarks of other shapes and finds loss curves", () => {
    const model = buildResults([
      {
        name: "bench-train.json",
        json: {
          benchmark: "train",
          results: [
            { name: "3 layers", ours: { medianMs: 2 }, reference: { medianMs: 20 } },
            { config: "1 layer", speedup: 4 },
          ],
          runs: [{ mode: "unsupervised", layers: 2, lossCurve: [5, 3, 2, 1.5] }],
        },
      },
    ]);
    expect(model.benchmarks[0]!.configs.map((c) => c.speedup)).toEqual([10, 4]);
    expect(model.benchmarks[0]!.referenceName).toBe("reference");
    expect(model.lossCurves).toHaveLength(1);
    expect(model.lossCurves[0]!.series[0]!.name).toContain("unsupervised 2 layers");
    expect(
      findLossCurves("x", { history: [{ loss: 3 }, { loss: 2 }, { loss: 1 }] })[0]!.series[0]!
        .points,
    ).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
    expect(formatDate("2026-11-25T20:32:53.822Z")).toBe("2026-11-25 20:32 UTC");
  });
});

describe("demo training run", () => {
  it("trains on the synthetic data and builds the 2 → 4 → 9 topic tree", () => {
    const seen: number[] = [];
    const r = runTraining(
      { id: 1, source: "synthetic", ranks: [9, 4, 2], seed: 1, init: "nndsvd", maxEpochs: 300 },
      (e) => {
        seen.push(e);
      },
    );
    expect(seen.length).toBe(r.epochs);
    expect(r.finalLoss).toBeLessThan(r.initialLoss);
    expect(r.tree.levels.map((l) => l.topics.length)).toEqual([9, 4, 2]);
    expect(r.tree.sizeBy).toBe("documents");
    for (const level of r.tree.levels) {
      expect(level.topics.reduce((a, t) => a + t.size, 0)).toBeCloseTo(1, 12);
    }
    expect(r.tree.levels[0]!.topics[0]!.documents[0]!.title).toMatch(/^sample \d+ \(planted/);
    // The renderer of the page: every topic once, nested under its parent.
    const html = topicTreeHtmlFragment(r.tree);
    expect(html.match(/<details class="nnmf-topic"/g)).toHaveLength(15);
    // The tree crosses from the worker to the page as plain data.
    expect(structuredClone(r.tree)).toEqual(r.tree);
    expect(r.svdBound).toEqual([0.0236, 0.2816, 0.4676]);
    for (const [l, e] of r.relativeError.entries()) expect(e).toBeLessThan(r.svdBound![l]! * 1.15);
    expect(r.accuracy!.every((a) => a >= 0.9)).toBe(true);
  });

  it("trains on pasted text", () => {
    const r = runTraining(
      {
        id: 2,
        source: "text",
        text: SAMPLE_CORPUS.join("\n\n"),
        ranks: [4, 2],
        seed: 1,
        init: "nndsvd",
        maxEpochs: 200,
      },
      () => {},
    );
    expect(r.documents).toBe(24);
    expect(r.tree.levels.map((l) => l.topics.length)).toEqual([4, 2]);
    expect(r.tree.levels[1]!.topics.every((t) => t.parent === null)).toBe(true);
    const words = JSON.stringify(r.tree);
    expect(words).toMatch(/football/);
    expect(words).toMatch(/garden|soil/);
    // Coherence of each topic's words in the pasted documents, as the command line computes it.
    const npmi = r.tree.levels.flatMap((l) => l.topics.map((t) => t.coherence?.npmi));
    expect(npmi.every((v) => typeof v === "number" && v > -1 && v <= 1)).toBe(true);
    const mean = r.tree.levels[0]!.meanCoherence!.npmi!;
    expect(mean).toBeGreaterThanOrEqual(-1);
    expect(mean).toBeLessThanOrEqual(1);
  });

  it("splits documents and parses ranks, and reports bad input", () => {
    expect(splitDocuments("a b\n\nc d\n\ne f\n\ng h")).toHaveLength(4);
    expect(splitDocuments("one\ntwo\nthree")).toEqual(["one", "two", "three"]);
    expect(parseRanks("9, 4 → 2")).toEqual([9, 4, 2]);
    expect(() => parseRanks("9, x")).toThrow(/positive integers/);
    expect(() =>
      runTraining(
        {
          id: 3,
          source: "text",
          text: "just one",
          ranks: [2],
          seed: 1,
          init: "nndsvd",
          maxEpochs: 5,
        },
        () => {},
      ),
    ).toThrow(/at least two documents/);
    expect(() =>
      runTraining(
        { id: 4, source: "synthetic", ranks: [4, 4], seed: 1, init: "nndsvd", maxEpochs: 5 },
        () => {},
      ),
    ).toThrow(/decrease/);
  });
});
