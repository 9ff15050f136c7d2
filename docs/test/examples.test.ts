/**
 * Runs every example the site shows (`docs/examples/*`, included in the pages with `<<<`) against
 * the built workspace packages, so the documentation cannot drift from the API.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main as cliData } from "../examples/cli-data.ts";
import { SAMPLE_CORPUS, SAMPLE_THEMES, SAMPLE_TOPICS } from "../examples/corpus.ts";
import { main as customLoss } from "../examples/custom-loss.ts";
import { main as firstModel } from "../examples/first-model.ts";
import { main as largeCorpus } from "../examples/large-corpus.ts";
import { main as nnlsLayer } from "../examples/nnls-layer.ts";
import { main as saveLoad } from "../examples/save-load.ts";
import { main as supervised } from "../examples/supervised.ts";
import { main as topicModelling } from "../examples/topic-modelling.ts";
import { main as topicTree } from "../examples/topic-tree.ts";
import { DOCS_DIR } from "./site.ts";

/** Lower bounds of the relative error at ranks 9, 4, 2 on the synthetic data (truncated SVD). */
const SVD = [0.0236, 0.2816, 0.4676];

// The examples print what a reader would see; keep the test output readable.
const quiet = <T>(f: () => T): T => {
  const log = console.log;
  console.log = () => {};
  try {
    return f();
  } finally {
    console.log = log;
  }
};

describe("every example file is included by a page", () => {
  const pages = [
    "index.md",
    "results.md",
    "demo.md",
    ...readdirSync(join(DOCS_DIR, "guide")).map((f) => `guide/${f}`),
  ];
  const text = pages.map((p) => readFileSync(join(DOCS_DIR, p), "utf8")).join("\n");
  const examples = readdirSync(join(DOCS_DIR, "examples"));
  it.each(examples)("%s", (file) => {
    expect(text).toContain(`<<< @/examples/${file}`);
  });
});

describe("guide examples", () => {
  it("first-model: a 3-level model close to the SVD bound at every level", () => {
    const { errors, tree, history } = quiet(firstModel);
    expect(errors).toHaveLength(3);
    errors.forEach((e, l) => {
      expect(e).toBeGreaterThanOrEqual(SVD[l]! - 5e-4);
      expect(e).toBeLessThan(SVD[l]! * 1.15);
    });
    expect(tree).toHaveLength(2); // levels 2 and 3
    expect(Array.from(tree[0]!.parent)).toHaveLength(9);
    expect(history.epochs.length).toBeGreaterThan(0);
  });

  it("nnls-layer: KKT, the layer's gradient and the envelope identity", () => {
    const { S, maxKktViolation, check, envelopeGap } = quiet(nnlsLayer);
    expect(S.shape).toEqual([5, 40]);
    expect(S.data.every((v) => v >= 0)).toBe(true);
    expect(maxKktViolation).toBeLessThan(1e-10);
    expect(check.ok).toBe(true);
    expect(envelopeGap).toBeLessThan(1e-8);
  });

  it("custom-loss: passes gradCheck and trains", () => {
    const { check, history, errors } = quiet(customLoss);
    expect(check.ok).toBe(true);
    expect(check.maxRelativeError).toBeLessThan(1e-6);
    const last = history.epochs.at(-1)!;
    expect(last.loss).toBeLessThan(history.initialLoss);
    expect(Object.keys(last.terms)).toEqual(["weightedReconstruction", "reconstruction[1]"]);
    expect(errors[0]).toBeLessThan(0.05);
  });

  it("supervised: supervised and semi-supervised accuracy", () => {
    const { supervisedAccuracy, semiAccuracy, posthoc, errors } = quiet(supervised);
    expect(supervisedAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(semiAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(posthoc).toHaveLength(3);
    for (const a of posthoc) expect(a).toBeGreaterThanOrEqual(0.8);
    expect(errors).toHaveLength(3);
  });

  it("topic-modelling: finds the four topics and the two themes of the sample corpus", () => {
    const { vocabulary, topics, themes, parent, topicAccuracy, themeAccuracy } =
      quiet(topicModelling);
    expect(vocabulary.length).toBeGreaterThan(10);
    expect(topics).toHaveLength(4);
    expect(themes).toHaveLength(2);
    expect(Array.from(parent)).toHaveLength(4);
    const words = topics.map((t) => t.map((w) => w.word));
    for (const key of ["football", "tennis", "garden", "flour"]) {
      expect(
        words.some((w) => w.some((x) => x.startsWith(key))),
        key,
      ).toBe(true);
    }
    expect(topicAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(themeAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(SAMPLE_TOPICS).toHaveLength(SAMPLE_CORPUS.length);
    expect(SAMPLE_THEMES).toHaveLength(SAMPLE_CORPUS.length);
  });

  it("topic-tree: the sample corpus's tree as data, an HTML page and an SVG drawing", () => {
    const { tree, html, svg } = quiet(topicTree);
    expect(tree.levels.map((l) => l.topics.length)).toEqual([4, 2]);
    for (const level of tree.levels) {
      expect(level.topics.reduce((a, t) => a + t.size, 0)).toBeCloseTo(1, 12);
      expect(Math.abs(level.meanCoherence!.npmi!)).toBeLessThanOrEqual(1);
    }
    expect(tree.levels[0]!.topics.every((t) => t.parent !== null && t.documents.length === 3)).toBe(
      true,
    );
    expect(html.match(/<details class="nnmf-topic"/g)).toHaveLength(6);
    expect(svg.match(/<path class="nnmf-edge"/g)).toHaveLength(4);
    expect(html).toMatch(/football|tennis/);
  });

  it("large-corpus: every core, the planted subtopics and groups found", () => {
    const { threads, errors, level1, level2 } = quiet(largeCorpus);
    expect(threads).toBeGreaterThanOrEqual(1);
    expect(errors[0]!).toBeLessThan(errors[1]!);
    expect(level1).toBeGreaterThan(0.95);
    expect(level2).toBeGreaterThan(0.95);
  });

  it("save-load: a restored model computes the same numbers", () => {
    const { bytes, same, restored, vocabulary, column } = quiet(saveLoad);
    expect(same).toBe(true);
    expect(bytes).toBeGreaterThan(1000);
    expect(restored.ranks).toEqual([9, 4, 2]);
    expect(vocabulary).toContain("cats");
    expect(column.shape).toEqual([vocabulary.length, 1]);
  });
});

describe("command-line session (examples/cli.sh)", () => {
  const dir = mkdtempSync(join(tmpdir(), "nnmf-docs-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const require = createRequire(import.meta.url);
  const cliDir = dirname(require.resolve("@neural-nmf/cli/package.json"));
  const pkg = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")) as {
    bin: Record<string, string>;
  };
  const bin = join(cliDir, pkg.bin["neural-nmf"]!);
  const commands = readFileSync(join(DOCS_DIR, "examples", "cli.sh"), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("neural-nmf "));

  it("writes the input files", () => {
    expect(cliData(dir)).toEqual({ documents: 24, shape: [87, 90], known: 40 });
    expect(commands.length).toBeGreaterThanOrEqual(5);
  });

  // The commands depend on each other (fit → topics → eval): run them in order.
  for (const command of commands) {
    it(command, () => {
      const args = command.split(/\s+/).slice(1);
      const r = spawnSync(process.execPath, [bin, ...args], {
        cwd: dir,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(r.stderr).not.toMatch(/neural-nmf: error/);
      expect(r.status, `${command}\n${r.stdout}\n${r.stderr}`).toBe(0);
      if (args.includes("--json")) {
        const summary = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as {
          relativeError: number[];
        };
        expect(summary.relativeError.length).toBe(2);
      }
      if (args[0] === "topics") {
        expect(r.stdout).toMatch(/L2#0/);
        expect(r.stdout).toMatch(/├─ L1#\d/);
      }
      if (args[0] === "eval" && args.includes("--labels")) {
        expect(r.stdout).toMatch(/accuracy/i);
      }
    });
  }
});
