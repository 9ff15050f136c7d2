/**
 * Fuzz tests of the command-line parsers (seeded like every property test: see
 * tooling/vitest.setup.mjs; set FC_SEED to explore other cases). Random argument lists are built
 * from each command's real options (long, short and `--name=value` forms), good values, junk
 * values, stray positionals, unknown options, `--` and repeats. Parsing must either succeed with
 * values that satisfy the documented constraints, or throw a UsageError — nothing else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../src/args.js";
import { type DemoArgs, demoSpec, parseDemoArgs } from "../src/commands/demo.js";
import { type EvalArgs, evalSpec, parseEvalArgs } from "../src/commands/eval.js";
import { type FitArgs, fitSpec, parseFitArgs } from "../src/commands/fit-args.js";
import { parseTopicsArgs, type TopicsArgs, topicsSpec } from "../src/commands/topics.js";
import {
  parseTransformArgs,
  type TransformArgs,
  transformSpec,
} from "../src/commands/transform.js";
import { UsageError } from "../src/errors.js";

const GOOD: Record<string, readonly string[]> = {
  ranks: ["3", "9,4,2", "5,2", "10, 3", "2,1"],
  seed: ["0", "1", "42", "9007199254740991"],
  init: ["pretrain", "nndsvd", "random"],
  loss: ["reconstruction", "energy"],
  epochs: ["1", "15", "1000"],
  "time-budget": ["0.5", "2", "1e-3", ".5"],
  tolerance: ["0", "1e-6", "0.1"],
  "batch-size": ["1", "64"],
  threads: ["1", "2", "256"],
  optimizer: ["spg", "adam", "pgd"],
  lr: ["0.01", "1", "2e-3"],
  labels: ["labels.txt"],
  known: ["known.txt"],
  "min-df": ["2", "0.1", "5%", "0"],
  "max-df": ["0.9", "100%", "1.0", "3"],
  "max-features": ["100", "1"],
  vocab: ["words.txt"],
  out: ["model.json", "out dir/m.json"],
  top: ["3", "8"],
  genres: ["A", "A,J", "a, j,K"],
  format: ["jsonl", "csv"],
  documents: ["docs", "corpus.jsonl"],
  html: ["tree.html", "out dir/t.html"],
  svg: ["tree.svg"],
};

const JUNK = [
  "",
  " ",
  "-1",
  "0",
  "1.5",
  "NaN",
  "nan",
  "Infinity",
  "-Infinity",
  "1e309",
  "1e308",
  "1e-320",
  "abc",
  "9,9",
  "4,9",
  "3,2,",
  ",",
  "1e3",
  "0x10",
  "٣",
  "🙂",
  "-",
  "=",
  "a=b",
  "99999999999999999999",
  "-0",
  "+1",
  "1%",
  "101%",
  "0.5",
  "5e-1",
  " 7 ",
  "true",
  "Z",
  "A,,B",
  "257",
];

const UNKNOWN = ["--epoch", "--rank", "-z", "--Ranks", "--no-json", "-", "--help-me", "---ranks"];

type Item =
  | { kind: "option"; name: string; form: "space" | "inline" | "short"; value: string }
  | { kind: "positional"; value: string }
  | { kind: "unknown"; value: string }
  | { kind: "separator" };

function itemArbitrary(spec: CommandSpec): fc.Arbitrary<Item> {
  const names = Object.keys(spec.options);
  const option = fc
    .record({
      name: fc.constantFrom(...names),
      form: fc.constantFrom("space", "inline", "short") as fc.Arbitrary<
        "space" | "inline" | "short"
      >,
      good: fc.boolean(),
      pick: fc.nat(),
    })
    .map(({ name, form, good, pick }): Item => {
      const pool = good && GOOD[name] !== undefined ? (GOOD[name] as string[]) : JUNK;
      return { kind: "option", name, form, value: pool[pick % pool.length] as string };
    });
  return fc.oneof(
    { weight: 10, arbitrary: option },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom("data.mtx", "docs", "model.json", "x y.jsonl", "--weird", "-")
        .map((value): Item => ({ kind: "positional", value })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...UNKNOWN).map((value): Item => ({ kind: "unknown", value })),
    },
    { weight: 1, arbitrary: fc.constant<Item>({ kind: "separator" }) },
  );
}

function argvOf(spec: CommandSpec, items: readonly Item[]): string[] {
  const argv: string[] = [];
  for (const item of items) {
    if (item.kind === "separator") argv.push("--");
    else if (item.kind !== "option") argv.push(item.value);
    else {
      const o = spec.options[item.name];
      const short = o?.short;
      const takesValue = o?.type === "string";
      if (item.form === "short" && short !== undefined) {
        argv.push(`-${short}`, ...(takesValue ? [item.value] : []));
      } else if (item.form === "inline" && takesValue) {
        argv.push(`--${item.name}=${item.value}`);
      } else {
        argv.push(`--${item.name}`, ...(takesValue ? [item.value] : []));
      }
    }
  }
  return argv;
}

/** Options given before the first `--`, by name (what a successful parse may have seen). */
function optionCounts(items: readonly Item[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.kind === "separator") break;
    if (item.kind === "option") counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  }
  return counts;
}

/**
 * Runs `parse` on argv built from `items`: success must satisfy `check`, failure must be a
 * UsageError with a one-line message naming the command. Returns whether it succeeded.
 */
function property<T>(
  spec: CommandSpec,
  parse: (argv: readonly string[]) => T | "help",
  check: (args: T, argv: readonly string[], items: readonly Item[]) => void,
): (items: Item[]) => boolean {
  return (items) => {
    const argv = argvOf(spec, items);
    let result: T | "help";
    try {
      result = parse(argv);
    } catch (error) {
      if (!(error instanceof UsageError)) {
        throw new Error(`${String(error)} (not a UsageError) for ${JSON.stringify(argv)}`);
      }
      expect(error.message).toMatch(new RegExp(`^${spec.name}: `));
      expect(error.message).not.toMatch(/\n/);
      expect(error.command).toBe(spec.name);
      return false;
    }
    if (result === "help") {
      const head = argv.indexOf("--") < 0 ? argv : argv.slice(0, argv.indexOf("--"));
      expect(head.includes("--help") || head.includes("-h")).toBe(true);
      return false;
    }
    // No option was given twice.
    for (const [name, n] of optionCounts(items)) expect(n, `--${name}`).toBeLessThanOrEqual(1);
    check(result, argv, items);
    return true;
  };
}

const given = (items: readonly Item[], name: string): string | undefined => {
  for (const item of items) {
    if (item.kind === "separator") return undefined;
    if (item.kind === "option" && item.name === name) return item.value;
  }
  return undefined;
};

const isPositiveInteger = (n: unknown, max = Number.MAX_SAFE_INTEGER) =>
  typeof n === "number" && Number.isSafeInteger(n) && n >= 1 && n <= max;

function checkRanks(ranks: readonly number[], value: string | undefined): void {
  expect(ranks.length).toBeGreaterThan(0);
  ranks.forEach((r, l) => {
    expect(isPositiveInteger(r)).toBe(true);
    if (l > 0) expect(r).toBeLessThan(ranks[l - 1] as number);
  });
  if (value !== undefined)
    expect(ranks.join(",")).toBe(
      value
        .split(",")
        .map((p) => Number(p.trim()))
        .join(","),
    );
}

function checkDocumentFrequency(v: unknown): void {
  if (v === undefined) return;
  if (typeof v === "number") {
    expect(Number.isFinite(v) && v >= 0).toBe(true);
    if (!Number.isInteger(v)) expect(v > 0 && v < 1).toBe(true);
  } else {
    const p = (v as { proportion: number }).proportion;
    expect(p >= 0 && p <= 1).toBe(true);
  }
}

const nonBlank = (s: unknown) => typeof s === "string" && s.trim() !== "";

function checkFit(a: FitArgs, _argv: readonly string[], items: readonly Item[]): void {
  expect(typeof a.input).toBe("string");
  checkRanks(a.ranks, given(items, "ranks"));
  expect(Number.isSafeInteger(a.seed) && a.seed >= 0).toBe(true);
  expect(["pretrain", "nndsvd", "random"]).toContain(a.init);
  expect(["reconstruction", "energy"]).toContain(a.loss);
  expect(isPositiveInteger(a.maxEpochs)).toBe(true);
  if (a.timeBudgetMs !== undefined)
    expect(Number.isFinite(a.timeBudgetMs) && a.timeBudgetMs > 0).toBe(true);
  if (a.tolerance !== undefined)
    expect(Number.isFinite(a.tolerance) && a.tolerance >= 0).toBe(true);
  if (a.batchSize !== undefined) expect(isPositiveInteger(a.batchSize)).toBe(true);
  if (a.threads !== undefined) expect(isPositiveInteger(a.threads, 256)).toBe(true);
  expect(["spg", "adam", "pgd"]).toContain(a.optimizer);
  // A learning rate exactly when the optimizer takes one.
  expect(a.learningRate === undefined).toBe(a.optimizer === "spg");
  if (a.learningRate !== undefined) {
    expect(Number.isFinite(a.learningRate) && a.learningRate > 0).toBe(true);
  }
  for (const file of [a.labels, a.known, a.vocab, a.out]) {
    if (file !== undefined) expect(nonBlank(file)).toBe(true);
  }
  if (a.unsupervised) expect(a.known).toBeUndefined();
  if (a.force) expect(a.out).toBeDefined();
  checkDocumentFrequency(a.vectorizer.minDf);
  checkDocumentFrequency(a.vectorizer.maxDf);
  if (a.vectorizer.maxFeatures !== undefined) {
    expect(isPositiveInteger(a.vectorizer.maxFeatures)).toBe(true);
  }
  expect(typeof a.json).toBe("boolean");
  expect(typeof a.quiet).toBe("boolean");
  const out = given(items, "out");
  if (out !== undefined) expect(a.out).toBe(out);
  const seed = given(items, "seed");
  if (seed !== undefined) expect(a.seed).toBe(Number(seed));
}

function checkTopics(a: TopicsArgs, _argv: readonly string[], items: readonly Item[]): void {
  expect(typeof a.model).toBe("string");
  expect(isPositiveInteger(a.top)).toBe(true);
  for (const file of [a.vocab, a.documents, a.outputs.html, a.outputs.svg]) {
    if (file !== undefined) expect(nonBlank(file)).toBe(true);
  }
  if (a.outputs.force) expect(a.outputs.html ?? a.outputs.svg).toBeDefined();
  const top = given(items, "top");
  if (top !== undefined) expect(a.top).toBe(Number(top));
}

function checkEval(a: EvalArgs): void {
  expect(typeof a.model).toBe("string");
  expect(typeof a.input).toBe("string");
  for (const file of [a.labels, a.known, a.documents]) {
    if (file !== undefined) expect(nonBlank(file)).toBe(true);
  }
}

function checkTransform(a: TransformArgs, _argv: readonly string[], items: readonly Item[]): void {
  expect(typeof a.model).toBe("string");
  expect(typeof a.input).toBe("string");
  expect(["jsonl", "csv"]).toContain(a.format);
  if (a.out !== undefined) expect(nonBlank(a.out)).toBe(true);
  if (a.force) expect(a.out).toBeDefined();
  const format = given(items, "format");
  expect(a.format).toBe(format ?? "jsonl");
}

const LETTERS = new Set("ABCDEFGHJKLMNPR".split(""));

function checkDemo(a: DemoArgs, _argv: readonly string[], items: readonly Item[]): void {
  checkRanks(a.ranks, given(items, "ranks"));
  expect(Number.isSafeInteger(a.epochs) && a.epochs >= 0).toBe(true);
  expect(Number.isSafeInteger(a.seed) && a.seed >= 0).toBe(true);
  expect(isPositiveInteger(a.top)).toBe(true);
  for (const g of a.genres ?? []) expect(LETTERS.has(g)).toBe(true);
  expect(nonBlank(a.html)).toBe(true);
  expect(a.replace).toBe(given(items, "html") === undefined || given(items, "force") !== undefined);
}

/** Often starts with a good positional and required option, so that successes are common. */
function argvItems(spec: CommandSpec, lead: Item[]): fc.Arbitrary<Item[]> {
  return fc
    .tuple(fc.boolean(), fc.array(itemArbitrary(spec), { maxLength: 8 }))
    .map(([withLead, rest]) => (withLead ? [...lead, ...rest] : rest));
}

const RUNS = { numRuns: 2000 };

/**
 * Every option of every command with every good and junk value, in every form, after a valid
 * lead: an exhaustive sweep, so that a rare value (1e308 seconds) cannot slip through.
 */
describe("every option with every value (exhaustive)", () => {
  const commands = [
    { spec: fitSpec, parse: parseFitArgs, check: checkFit, lead: ["data.mtx", "--ranks", "3"] },
    { spec: topicsSpec, parse: parseTopicsArgs, check: checkTopics, lead: ["model.json"] },
    { spec: evalSpec, parse: parseEvalArgs, check: checkEval, lead: ["model.json", "d.mtx"] },
    {
      spec: transformSpec,
      parse: parseTransformArgs,
      check: checkTransform,
      lead: ["model.json", "d.mtx"],
    },
    { spec: demoSpec, parse: parseDemoArgs, check: checkDemo, lead: [] },
  ] as const;
  for (const { spec, parse, check, lead } of commands) {
    it(`${spec.name}: ${Object.keys(spec.options).length} options`, () => {
      let cases = 0;
      for (const name of Object.keys(spec.options)) {
        for (const value of [...(GOOD[name] ?? []), ...JUNK]) {
          for (const form of ["space", "inline", "short"] as const) {
            const item: Item = { kind: "option", name, form, value };
            const argv = [...lead, ...argvOf(spec, [item])];
            let result: unknown;
            try {
              result = (parse as (a: readonly string[]) => unknown)(argv);
            } catch (error) {
              if (!(error instanceof UsageError)) {
                throw new Error(`${String(error)} (not a UsageError) for ${JSON.stringify(argv)}`);
              }
              cases++;
              continue;
            }
            const checkArgs = check as (a: unknown, v: readonly string[], i: Item[]) => void;
            checkArgs(result, argv, [item]);
            cases++;
          }
        }
      }
      expect(cases).toBeGreaterThan(100);
    });
  }
});

describe("command-line parsers fuzz (fast-check)", () => {
  it("fit: parses to valid values or throws a UsageError", () => {
    let ok = 0;
    const lead: Item[] = [
      { kind: "positional", value: "data.mtx" },
      { kind: "option", name: "ranks", form: "space", value: "9,4,2" },
    ];
    fc.assert(
      fc.property(argvItems(fitSpec, lead), (items) => {
        if (property(fitSpec, parseFitArgs, checkFit)(items)) ok++;
      }),
      RUNS,
    );
    expect(ok).toBeGreaterThan(100);
  });

  it("topics: parses to valid values or throws a UsageError", () => {
    let ok = 0;
    fc.assert(
      fc.property(argvItems(topicsSpec, [{ kind: "positional", value: "model.json" }]), (items) => {
        if (property(topicsSpec, parseTopicsArgs, checkTopics)(items)) ok++;
      }),
      RUNS,
    );
    expect(ok).toBeGreaterThan(100);
  });

  it("eval: parses to valid values or throws a UsageError", () => {
    let ok = 0;
    const lead: Item[] = [
      { kind: "positional", value: "model.json" },
      { kind: "positional", value: "data.mtx" },
    ];
    fc.assert(
      fc.property(argvItems(evalSpec, lead), (items) => {
        if (property(evalSpec, parseEvalArgs, checkEval)(items)) ok++;
      }),
      RUNS,
    );
    expect(ok).toBeGreaterThan(100);
  });

  it("transform: parses to valid values or throws a UsageError", () => {
    let ok = 0;
    const lead: Item[] = [
      { kind: "positional", value: "model.json" },
      { kind: "positional", value: "data.mtx" },
    ];
    fc.assert(
      fc.property(argvItems(transformSpec, lead), (items) => {
        if (property(transformSpec, parseTransformArgs, checkTransform)(items)) ok++;
      }),
      RUNS,
    );
    expect(ok).toBeGreaterThan(100);
  });

  it("demo: parses to valid values or throws a UsageError", () => {
    let ok = 0;
    fc.assert(
      fc.property(argvItems(demoSpec, []), (items) => {
        if (property(demoSpec, parseDemoArgs, checkDemo)(items)) ok++;
      }),
      RUNS,
    );
    expect(ok).toBeGreaterThan(100);
  });

  it("fit: arbitrary strings as argv never throw anything but a UsageError", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("--ranks", "-o", "--", "-qf")),
          {
            maxLength: 8,
          },
        ),
        (argv) => {
          try {
            parseFitArgs(argv);
          } catch (error) {
            if (!(error instanceof UsageError)) throw error;
          }
        },
      ),
      RUNS,
    );
  });
});
