import { NeuralNmfError, ShapeError, ValueError } from "@neural-nmf/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NeuralNMF, type NeuralNMFJSON, syntheticHierarchy } from "../src/index.js";

const { X, labels } = syntheticHierarchy({ seed: 2 });
const model = new NeuralNMF({ ranks: [9, 4], seed: 1, threads: 1 });
model.fit(X, {
  supervision: { labels: labels[1]!, known: [0, 5, 10, 15, 20, 30, 40, 50] },
  maxEpochs: 20,
});
const saved = model.toJSON();
const copy = (): Record<string, unknown> => JSON.parse(JSON.stringify(saved));

/** The path and error of a refused document. */
function refusal(doc: unknown): { type: string; argument: string | undefined } {
  try {
    NeuralNMF.fromJSON(doc as NeuralNMFJSON);
  } catch (error) {
    expect(error).toBeInstanceOf(NeuralNmfError);
    return {
      type: (error as Error).constructor.name,
      argument: (error as NeuralNmfError).argument,
    };
  }
  throw new Error("the document was accepted");
}

describe("NeuralNMF.fromJSON refuses what it cannot use, naming the field", () => {
  it.each([
    ["no layers", (d: any) => delete d.layers, "json.layers"],
    ["fewer layers than ranks", (d: any) => d.layers.pop(), "json.layers"],
    ["missing usage", (d: any) => delete d.usage, "json.usage"],
    ["usage of the wrong length", (d: any) => d.usage.pop(), "json.usage"],
    ["a string usage", (d: any) => (d.usage = "1,2,3"), "json.usage"],
    ["a negative entry of a layer", (d: any) => (d.layers[0][3][2] = -1), "json.layers[0][3][2]"],
    ["a NaN (null in JSON) entry", (d: any) => (d.layers[1][2][0] = null), "json.layers[1][2][0]"],
    ["an entry of 1e300", (d: any) => (d.layers[0][0][0] = 1e300), "json.layers[0][0][0]"],
    [
      "negative classes",
      (d: any) => (d.classifiers[0].classes = -4),
      "json.classifiers[0].classes",
    ],
    [
      "non-integer classes",
      (d: any) => (d.classifiers[0].classes = 2.5),
      "json.classifiers[0].classes",
    ],
    ["1e12 classes", (d: any) => (d.classifiers[0].classes = 1e12), "json.classifiers[0].classes"],
    [
      "an unknown solver key",
      (d: any) => (d.options.solver.speed = 3),
      "json.options.solver.speed",
    ],
    ["an unknown top-level key", (d: any) => (d.extra = 1), "json.extra"],
    ["a ragged layer", (d: any) => d.layers[0][4].pop(), "json.layers[0][4]"],
    ["ranks that do not decrease", (d: any) => (d.options.ranks = [4, 9]), "json.options.ranks[1]"],
    ["an unknown version", (d: any) => (d.version = 7), "json.version"],
    ["a hole in the ranks", (d: any) => delete d.options.ranks[0], "json.options.ranks[0]"],
    ["a foreign format", (d: any) => (d.format = "pickle"), "json.format"],
    [
      "a classifier of a level out of range",
      (d: any) => (d.classifiers[0].level = 3),
      "json.classifiers[0].level",
    ],
  ])("%s", (_, mutate, path) => {
    const doc = copy();
    mutate(doc);
    expect(refusal(doc).argument).toBe(path);
  });

  it("refuses malformed JSON text with a typed error, not a SyntaxError", () => {
    const text = JSON.stringify(saved);
    expect(refusal(text.slice(0, 100))).toEqual({ type: "ValueError", argument: "json" });
    expect(refusal("")).toEqual({ type: "ValueError", argument: "json" });
    expect(refusal("null").type).toBe("ValueError");
  });

  it("still reads version-1 documents", () => {
    const doc = copy();
    const c = (doc.classifiers as { B: number[][] }[])[0]!;
    const options = { ...(doc.options as object), pretrainStart: "nndsvd" };
    const v1 = { ...doc, version: 1, options, classifier: c.B, classes: c.B.length };
    delete (v1 as Record<string, unknown>).classifiers;
    const loaded = NeuralNMF.fromJSON(v1 as unknown as NeuralNMFJSON);
    expect(Array.from(loaded.predict(X))).toEqual(Array.from(model.predict(X)));
  });

  it("reads version 2's separate pre-training start into `init`", () => {
    const doc = copy();
    const options = { ...(doc.options as object), init: "pretrain", pretrainStart: "random" };
    const loaded = NeuralNMF.fromJSON({ ...doc, version: 2, options } as unknown as NeuralNMFJSON);
    expect(loaded.options.init).toBe("pretrain-random");
    expect(loaded.toJSON().version).toBe(3);
    expect("pretrainStart" in loaded.toJSON().options).toBe(false);
    const v3 = { ...doc, options: { ...options } };
    expect(refusal(v3)).toEqual({ type: "ValueError", argument: "json.options.pretrainStart" });
  });
});

describe("model documents (fuzz)", () => {
  /** A mutation at a random place: delete, replace with junk, truncate, or add a key. */
  const junk = fc.oneof(
    fc.constant(null),
    fc.constant("1"),
    fc.constant(-1),
    fc.constant(1e300),
    fc.constant(1e12),
    fc.constant(0.5),
    fc.constant([]),
    fc.constant({}),
    fc.constant(true),
    fc.integer({ min: -5, max: 20 }),
  );
  const mutation = fc.record({
    depth: fc.integer({ min: 0, max: 4 }),
    pick: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    action: fc.constantFrom("delete", "replace", "truncate", "add"),
    value: junk,
  });

  function mutate(
    doc: unknown,
    m: { depth: number; pick: number[]; action: string; value: unknown },
  ) {
    let node = doc as Record<string, unknown> | unknown[];
    for (let d = 0; d < m.depth; d++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const next = (node as Record<string, unknown>)[keys[(m.pick[d] ?? 0) % keys.length]!];
      if (next === null || typeof next !== "object") break;
      node = next as Record<string, unknown>;
    }
    const keys = Object.keys(node);
    const key = keys.length > 0 ? keys[(m.pick[4] ?? 0) % keys.length]! : "x";
    if (m.action === "delete") delete (node as Record<string, unknown>)[key];
    else if (m.action === "replace") (node as Record<string, unknown>)[key] = m.value;
    else if (m.action === "truncate" && Array.isArray(node)) node.pop();
    else (node as Record<string, unknown>)[`${key}Extra`] = m.value;
  }

  it("either refuses a mutated document with a typed error naming a json field, or gives a model that works", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const doc = copy();
        for (const m of mutations) mutate(doc, m);
        let loaded: NeuralNMF;
        try {
          loaded = NeuralNMF.fromJSON(doc as unknown as NeuralNMFJSON, { threads: 1 });
        } catch (error) {
          expect(error instanceof ValueError || error instanceof ShapeError).toBe(true);
          expect((error as NeuralNmfError).argument).toMatch(/^json/);
          return;
        }
        // Accepted: everything a model does must work and be finite.
        for (const e of loaded.relativeError(X)) expect(Number.isFinite(e)).toBe(true);
        loaded.hierarchy();
        if (loaded.classifier) expect(loaded.predict(X)).toHaveLength(X.cols);
      }),
      { numRuns: 400 },
    );
  });
});
