import { ShapeError, tensor, ValueError } from "@neural-nmf/tensor";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assembleTopicTree,
  documentTopicsOf,
  type HierarchyLevel,
  isTopicOpen,
  NeuralNMF,
  NotFittedError,
  representativeDocumentsOf,
  syntheticHierarchy,
  TOPIC_TREE_FORMAT,
  type TopicTree,
  topicTreeHtml,
  topicTreeHtmlFragment,
  topicTreeOf,
  topicTreeSvg,
} from "../src/index.js";
import { escapeMarkup, snippetOf } from "../src/view/index.js";

const { X } = syntheticHierarchy({ seed: 1 });
const EVIL = "<script>alert(1)</script>";
/** Every word and title carries markup, so any unescaped text would show. */
const vocabulary = Array.from({ length: X.rows }, (_, i) => `w${i}${EVIL}&"'`);
const documents = Array.from({ length: X.cols }, (_, j) => ({
  title: `doc ${j} <script>steal()</script>`,
  text: `Text of document ${j}, with <b>markup</b> & more words `.repeat(12),
}));
let model: NeuralNMF;
let tree: TopicTree;

beforeAll(() => {
  model = new NeuralNMF({ ranks: [9, 4, 2], seed: 1 });
  model.fit(X, { maxEpochs: 100 });
  tree = topicTreeOf(model, { vocabulary, data: X, documents, representatives: 2 });
});

const sum = (xs: readonly number[]) => xs.reduce((a, v) => a + v, 0);

describe("topicTreeOf", () => {
  it("holds every level and topic with words, sizes that sum to 1, and the model's parents", () => {
    expect(tree.format).toBe(TOPIC_TREE_FORMAT);
    expect(tree.ranks).toEqual([9, 4, 2]);
    expect(tree.sizeBy).toBe("documents");
    expect(tree.documentCount).toBe(90);
    expect(tree.levels.map((l) => l.topics.length)).toEqual([9, 4, 2]);
    const hierarchy = model.hierarchy();
    const transformed = model.transform(X);
    tree.levels.forEach((level, l) => {
      expect(level.level).toBe(l + 1);
      expect(sum(level.topics.map((t) => t.size))).toBeCloseTo(1, 12);
      const dt = documentTopicsOf(l + 1, transformed[l]!);
      const counts = new Array<number>(dt.topics).fill(0);
      for (const s of dt.strongest) counts[s]!++;
      const examples = representativeDocumentsOf(dt, 2);
      const words = model.topWords(l + 1, vocabulary, 10);
      level.topics.forEach((t, i) => {
        expect(t.id).toBe(`L${l + 1}#${i}`);
        expect(t.size).toBeCloseTo(counts[i]! / 90, 12);
        expect(t.words).toEqual(words[i]);
        expect(t.documents.map((d) => [d.document, d.share])).toEqual(
          examples[i]!.map((d) => [d.document, d.share]),
        );
        const up = hierarchy.find((h) => h.level === l + 2);
        if (up === undefined) {
          expect(t.parent).toBeNull();
          expect(t.parentShare).toBeNull();
        } else {
          expect(t.parent).toBe(up.parent[i]);
          const share = up.topics[t.parent!]!.children.find((c) => c.topic === i)?.weight ?? 0;
          expect(t.parentShare).toBe(share);
        }
        const down = hierarchy.find((h) => h.level === l + 1);
        expect(t.composition).toEqual(down === undefined ? [] : down.topics[i]!.children);
      });
    });
    const doc = tree.levels[0]!.topics[0]!.documents[0]!;
    expect(doc.title).toBe(documents[doc.document]!.title);
    expect(doc.snippet!.length).toBeLessThanOrEqual(161);
    expect(doc.snippet).toMatch(/^Text of document \d+, with <b>markup<\/b> & more/);
  });

  it("is plain JSON: it survives a round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });

  it("sizes by weight: mean shares with data, saved usage without", () => {
    const byWeight = topicTreeOf(model, { vocabulary, data: X, sizeBy: "weight" });
    const shares = model.documentTopics(X);
    byWeight.levels.forEach((level, l) => {
      expect(sum(level.topics.map((t) => t.size))).toBeCloseTo(1, 12);
      const dt = shares[l]!;
      level.topics.forEach((t, i) => {
        let s = 0;
        for (let j = 0; j < 90; j++) s += dt.shares[i * 90 + j]!;
        expect(t.size).toBeCloseTo(s / 90, 12);
      });
    });
    const saved = topicTreeOf(model, { vocabulary, topWords: 4 });
    expect(saved.sizeBy).toBe("weight");
    expect(saved.documentCount).toBeNull();
    const usage = model.toJSON().usage;
    saved.levels.forEach((level, l) => {
      expect(sum(level.topics.map((t) => t.size))).toBeCloseTo(1, 12);
      expect(level.topics[0]!.size).toBeCloseTo(usage[l]![0]! / sum(usage[l]!), 12);
      for (const t of level.topics) {
        expect(t.words).toHaveLength(4);
        expect(t.documents).toEqual([]);
      }
    });
  });

  it("carries coherence, with means per level and NaN as null", () => {
    const coherence = tree.ranks.map((k, l) =>
      Array.from({ length: k }, (_, t) => ({
        npmi: t === 0 ? Number.NaN : 0.1 * (l + 1),
        umass: -(t + 1),
      })),
    );
    const frozen = structuredClone(coherence);
    const scored = topicTreeOf(model, { vocabulary, coherence });
    expect(coherence).toEqual(frozen); // inputs are not modified
    expect(scored.levels[0]!.topics[0]!.coherence).toEqual({ npmi: null, umass: -1 });
    expect(scored.levels[1]!.topics[1]!.coherence).toEqual({ npmi: 0.2, umass: -2 });
    expect(scored.levels[1]!.meanCoherence!.npmi).toBeCloseTo(0.2, 12);
    expect(scored.levels[1]!.meanCoherence!.umass).toBeCloseTo(-2.5, 12);
    expect(JSON.parse(JSON.stringify(scored))).toEqual(scored);
    expect(tree.levels[0]!.meanCoherence).toBeNull();
  });

  it("refuses parts that do not fit, naming the argument", () => {
    const argumentOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as Error).constructor.name, (e as { argument?: string }).argument];
      }
      return null;
    };
    expect(argumentOf(() => topicTreeOf(model, { vocabulary: ["a"] }))).toEqual([
      "ShapeError",
      "vocabulary",
    ]);
    expect(
      argumentOf(() =>
        topicTreeOf(model, { vocabulary, data: X, documentTopics: model.documentTopics(X) }),
      ),
    ).toEqual(["ValueError", "documentTopics"]);
    expect(argumentOf(() => topicTreeOf(model, { vocabulary, sizeBy: "documents" }))).toEqual([
      "ValueError",
      "sizeBy",
    ]);
    expect(
      argumentOf(() => topicTreeOf(model, { vocabulary, data: X, documents: documents.slice(1) })),
    ).toEqual(["ShapeError", "documents"]);
    expect(argumentOf(() => topicTreeOf(model, { vocabulary, topWords: 0 }))).toEqual([
      "ValueError",
      "topWords",
    ]);
    expect(argumentOf(() => topicTreeOf(model, { vocabulary, coherence: [[]] }))).toEqual([
      "ShapeError",
      "coherence",
    ]);
    expect(() => topicTreeOf(model, { vocabulary, representatives: -1 })).toThrow(ValueError);
    expect(() => topicTreeOf(new NeuralNMF({ ranks: [2], seed: 1 }), { vocabulary })).toThrow(
      NotFittedError,
    );
  });
});

/** A small hand-made tree: 3 fine topics, 2 coarse ones, 4 documents. */
function handTree(): TopicTree {
  const ww = (...words: string[]) => words.map((word, i) => ({ word, weight: 0.5 / (i + 1) }));
  const hierarchy: HierarchyLevel[] = [
    {
      level: 2,
      topics: [
        {
          topic: 0,
          children: [
            { topic: 1, weight: 0.7 },
            { topic: 0, weight: 0.3 },
          ],
        },
        { topic: 1, children: [{ topic: 2, weight: 1 }] },
      ],
      parent: Int32Array.of(0, 0, 1),
    },
  ];
  // Codes S (topics × documents): document j's strongest fine topic is j % 3.
  const s1 = tensor([
    [3, 0, 0, 1],
    [1, 2, 0, 0],
    [0, 1, 5, 0],
  ]);
  const s2 = tensor([
    [4, 2, 0, 1],
    [0, 1, 5, 0],
  ]);
  return assembleTopicTree({
    ranks: [3, 2],
    words: [
      [ww("cat", "mat", "mice"), ww("dog", "bone", "park"), ww("stock", "index", "<b>")],
      [ww("cat", "dog", "pet"), ww("stock", "market", "bank")],
    ],
    hierarchy,
    documentTopics: [documentTopicsOf(1, s1), documentTopicsOf(2, s2)],
    documents: ["a.txt", "b.txt", 'c "quoted".txt', "d.txt"].map((title) => ({
      title,
      text: `${title} text`,
    })),
    coherence: [
      [{ npmi: 0.25 }, { npmi: -0.5 }, { npmi: Number.NaN }],
      [{ npmi: 0.125 }, { npmi: 0.5 }],
    ],
    title: "Pets & <markets>",
  });
}

/** The nesting of `<details class="nnmf-topic">` elements: each topic's enclosing topic. */
function nesting(html: string): Map<string, string | null> {
  const stack: (string | null)[] = [];
  const parents = new Map<string, string | null>();
  for (const m of html.matchAll(
    /<details class="(nnmf-topic|nnmf-docs)"(?: data-level="(\d+)" data-topic="(\d+)")?|<\/details>/g,
  )) {
    if (m[0] === "</details>") {
      stack.pop();
      continue;
    }
    const id = m[1] === "nnmf-topic" ? `L${m[2]}#${m[3]}` : null;
    if (id !== null) parents.set(id, [...stack].reverse().find((s) => s !== null) ?? null);
    stack.push(id);
  }
  expect(stack).toEqual([]);
  return parents;
}

describe("topicTreeHtml", () => {
  it("nests every topic under its parent, collapsible, with bars, words and documents", () => {
    const t = handTree();
    const html = topicTreeHtml(t);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>Pets &amp; &lt;markets&gt;</title>");
    expect(nesting(html)).toEqual(
      new Map([
        ["L2#0", null],
        ["L1#1", "L2#0"],
        ["L1#0", "L2#0"],
        ["L2#1", null],
        ["L1#2", "L2#1"],
      ]),
    );
    // Heaviest child first: L1#1 (70%) before L1#0 (30%).
    expect(html.indexOf('data-level="1" data-topic="1"')).toBeLessThan(
      html.indexOf('data-level="1" data-topic="0"'),
    );
    // Sizes: documents' strongest fine topics are 0, 1, 2, 0 → 50%, 25%, 25%.
    const widths = [...html.matchAll(/class="nnmf-fill" style="width:([\d.]+)%"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toEqual([75, 25, 50, 25, 25]);
    expect(t.levels.map((l) => sum(l.topics.map((x) => x.size)))).toEqual([1, 1]);
    expect(html).toContain('<span class="nnmf-coh" title="coherence of the topic');
    expect(html).toContain("NPMI −0.500");
    expect(html).toContain("NPMI –"); // NaN: not scored
    expect(html).toMatch(/<td>L1<\/td><td>3<\/td><td>−0\.125<\/td>/); // mean of 0.25 and −0.5
    expect(html).toContain("70% of the weight of L2#0");
    expect(html).toContain('<span class="nnmf-doc-title">c &quot;quoted&quot;.txt</span>');
    expect(html).toContain("&lt;b&gt;");
    // Open by default: levels above 1; the buttons expand to each level.
    expect(html).toMatch(/data-level="2" data-topic="0" data-size="[\d.]+" open>/);
    expect(html).toMatch(/data-level="1" data-topic="1" data-size="[\d.]+">/);
    expect(html).toContain('data-nnmf-expand="2"');
    expect(html).toContain('data-nnmf-expand="1"');
    expect(html).toContain('data-nnmf-expand="all"');
    expect(html.match(/<script/g)).toHaveLength(1); // the page's own behaviour only
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=|href=/); // self-contained
  });

  it("escapes every word, title and snippet", () => {
    const html = topicTreeHtml(tree);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain(EVIL);
    expect(html).not.toContain("<script>steal");
    expect(html).not.toContain("<b>markup");
    expect(html).toContain(escapeMarkup(EVIL));
    expect(html).toMatch(/doc \d+ &lt;script&gt;steal\(\)&lt;\/script&gt;/);
    expect(html).toContain("&lt;b&gt;markup&lt;/b&gt; &amp; more");
    const fragment = topicTreeHtmlFragment(tree, { style: true });
    expect(fragment).not.toMatch(/<script/);
    expect(fragment.startsWith('<div class="nnmf-tt"')).toBe(true);
    expect(fragment).toContain("<style>");
    expect(nesting(fragment).size).toBe(15);
  });

  it("limits words and documents, and expands as asked", () => {
    const t = handTree();
    const html = topicTreeHtmlFragment(t, { words: 1, documents: 1, expand: "all" });
    expect(html.match(/class="nnmf-word"/g)).toHaveLength(5);
    expect(html.match(/<li data-document=/g)).toHaveLength(5);
    expect(html.match(/<details class="nnmf-topic"[^>]* open>/g)).toHaveLength(5);
    expect(html.match(/<details class="nnmf-docs" open>/g)).toHaveLength(5);
    const closed = topicTreeHtmlFragment(t, { expand: 2, controls: false });
    expect(closed).not.toMatch(/ open>/);
    expect(closed).not.toContain("data-nnmf-expand");
    expect([isTopicOpen(3, 2), isTopicOpen(2, 2), isTopicOpen(1, "all")]).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe("topicTreeSvg", () => {
  it("draws a node per topic and an edge to each parent, weighted by composition", () => {
    const t = handTree();
    const svg = topicTreeSvg(t);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const nodes = [
      ...svg.matchAll(/<g class="nnmf-node" data-id="([^"]+)"[^>]*data-size="([^"]+)"/g),
    ];
    expect(nodes.map((m) => m[1]).sort()).toEqual(["L1#0", "L1#1", "L1#2", "L2#0", "L2#1"]);
    const edges = [
      ...svg.matchAll(/data-parent="([^"]+)" data-child="([^"]+)" data-weight="([^"]+)"/g),
    ].map((m) => [m[2], m[1], Number(m[3])]);
    expect(edges.sort()).toEqual([
      ["L1#0", "L2#0", 0.3],
      ["L1#1", "L2#0", 0.7],
      ["L1#2", "L2#1", 1],
    ]);
    // A wider edge for a larger share.
    const widthOf = (child: string) =>
      Number(new RegExp(`data-child="${child}"[^>]*stroke-width="([\\d.]+)"`).exec(svg)![1]);
    expect(widthOf("L1#1")).toBeGreaterThan(widthOf("L1#0"));
    // Labels: the top 3 words, escaped.
    expect(svg).toContain(">stock, index, &lt;b&gt;</text>");
    expect(svg).toContain("NPMI 0.250");
    expect(svg).toContain('aria-label="Pets &amp; &lt;markets&gt;"');
    // Balanced elements: every opened <g>, <text> and <svg> is closed.
    for (const tag of ["g", "text", "svg", "title", "tspan"]) {
      const open = svg.match(new RegExp(`<${tag}[\\s>]`, "g"))?.length ?? 0;
      expect(svg.match(new RegExp(`</${tag}>`, "g"))?.length ?? 0, tag).toBe(open);
    }
    // Parents sit level with the middle of their children, one column to the left.
    const at = (id: string) => {
      const m = new RegExp(`data-id="${id}"[\\s\\S]*?<text x="([\\d.]+)" y="([\\d.]+)"`).exec(svg)!;
      return [Number(m[1]), Number(m[2])] as const;
    };
    expect(at("L2#0")[0]).toBeLessThan(at("L1#1")[0]);
    expect(at("L2#0")[1]).toBeCloseTo((at("L1#1")[1] + at("L1#0")[1]) / 2, 6);
  });

  it("escapes every label of a fitted model's tree", () => {
    const svg = topicTreeSvg(tree, { words: 2 });
    expect(svg).not.toMatch(/<script/);
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(svg.match(/<g class="nnmf-node"/g)).toHaveLength(15);
    expect(svg.match(/<path class="nnmf-edge"/g)).toHaveLength(13);
  });
});

describe("helpers", () => {
  it("escapes markup and cuts snippets at a word", () => {
    expect(escapeMarkup(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
    expect(snippetOf("  short\n text ")).toBe("short text");
    expect(snippetOf("one two three four", 10)).toBe("one two…");
    expect(snippetOf("abcdefghijklmnop", 5)).toBe("abcde…");
    expect(() => assembleTopicTree({ ranks: [], words: [], hierarchy: [] })).toThrow(ValueError);
    expect(() =>
      assembleTopicTree({ ranks: [2], words: [[[], []]], hierarchy: [], usage: [[1]] }),
    ).toThrow(ShapeError);
  });
});
