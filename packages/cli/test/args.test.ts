import { describe, expect, it } from "vitest";
import { formatHelp, OptionReader, parseCommand, suggest, wrap } from "../src/args.js";
import { demoSpec, parseDemoArgs } from "../src/commands/demo.js";
import { evalSpec, parseEvalArgs } from "../src/commands/eval.js";
import { fitSpec, parseFitArgs } from "../src/commands/fit-args.js";
import { parseTopicsArgs, topicsSpec } from "../src/commands/topics.js";
import { parseTransformArgs, transformSpec } from "../src/commands/transform.js";
import { reportError, UsageError } from "../src/errors.js";

function usageMessage(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseFitArgs", () => {
  it("fills in the defaults", () => {
    expect(parseFitArgs(["data.mtx", "--ranks", "9,4,2"])).toEqual({
      input: "data.mtx",
      ranks: [9, 4, 2],
      seed: 1,
      init: "pretrain",
      loss: "reconstruction",
      maxEpochs: 1000,
      optimizer: "spg",
      unsupervised: false,
      vectorizer: {},
      force: false,
      json: false,
      quiet: false,
    });
  });

  it("reads every option", () => {
    const args = parseFitArgs([
      "docs",
      "--ranks=6, 3",
      "--seed",
      "7",
      "--init",
      "nndsvd",
      "--loss",
      "energy",
      "--epochs",
      "50",
      "--time-budget",
      "2.5",
      "--tolerance",
      "1e-5",
      "--optimizer",
      "adam",
      "--lr",
      "0.01",
      "--labels",
      "l.txt",
      "--known",
      "k.txt",
      "--min-df",
      "2",
      "--max-df",
      "95%",
      "--max-features",
      "500",
      "-o",
      "m.json",
      "--json",
      "-q",
    ]);
    expect(args).toEqual({
      input: "docs",
      ranks: [6, 3],
      seed: 7,
      init: "nndsvd",
      loss: "energy",
      maxEpochs: 50,
      timeBudgetMs: 2500,
      tolerance: 1e-5,
      optimizer: "adam",
      learningRate: 0.01,
      labels: "l.txt",
      known: "k.txt",
      unsupervised: false,
      vectorizer: { minDf: 2, maxDf: 0.95, maxFeatures: 500 },
      out: "m.json",
      force: false,
      json: true,
      quiet: true,
    });
  });

  it("reads --threads and --batch-size, and refuses counts out of range", () => {
    const args = parseFitArgs(["x.mtx", "--ranks", "3,2", "--threads", "2", "--batch-size", "500"]);
    expect(args).toMatchObject({ threads: 2, batchSize: 500 });
    expect(usageMessage(() => parseFitArgs(["x.mtx", "--ranks", "3,2", "--threads", "0"]))).toMatch(
      /--threads/,
    );
    expect(
      usageMessage(() => parseFitArgs(["x.mtx", "--ranks", "3,2", "--threads", "1000"])),
    ).toMatch(/--threads/);
    expect(
      usageMessage(() => parseFitArgs(["x.mtx", "--ranks", "3,2", "--batch-size", "1.5"])),
    ).toMatch(/--batch-size/);
  });

  it("answers --help before checking anything else", () => {
    expect(parseFitArgs(["--help"])).toBe("help");
    expect(parseFitArgs(["x", "--bogus", "-h"])).toBe("help");
  });

  it("requires --ranks and an input", () => {
    expect(usageMessage(() => parseFitArgs(["data.mtx"]))).toMatch(/--ranks is required/);
    expect(usageMessage(() => parseFitArgs(["--ranks", "3,2"]))).toMatch(/missing input/);
    expect(usageMessage(() => parseFitArgs(["a", "b", "--ranks", "3,2"]))).toMatch(
      /unexpected argument 'b'/,
    );
  });

  it.each([
    ["9,9", /decrease strictly.*9 then 9/],
    ["4,9", /decrease strictly.*4 then 9/],
    ["9,x", /'x' in '9,x' is not/],
    ["0", /'0' in '0' is not/],
    ["9,,2", /'' in '9,,2' is not/],
    ["-3", /needs a value/],
  ])("refuses ranks %s", (ranks, message) => {
    expect(usageMessage(() => parseFitArgs(["d.mtx", "--ranks", ranks]))).toMatch(message);
  });

  it("refuses unknown options, suggesting the closest one", () => {
    expect(usageMessage(() => parseFitArgs(["d.mtx", "--ranks", "3", "--epoch", "5"]))).toBe(
      "fit: unknown option '--epoch' (did you mean --epochs?)",
    );
    expect(usageMessage(() => parseFitArgs(["d.mtx", "--ranks", "3", "--zzzzzz"]))).toBe(
      "fit: unknown option '--zzzzzz'",
    );
  });

  it("refuses malformed values", () => {
    const base = ["d.mtx", "--ranks", "3,2"];
    expect(usageMessage(() => parseFitArgs([...base, "--epochs", "ten"]))).toMatch(
      /--epochs must be a positive integer, got 'ten'/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "--epochs", "0"]))).toMatch(
      /positive integer/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "--seed", "1.5"]))).toMatch(/--seed must be/);
    expect(usageMessage(() => parseFitArgs([...base, "--time-budget", "0"]))).toMatch(
      /--time-budget must be a positive number/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "--tolerance", "-1"]))).toMatch(
      /needs a value/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "--tolerance=-1"]))).toMatch(
      /--tolerance must be a non-negative number/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "--init", "pretrained"]))).toMatch(
      /one of pretrain, nndsvd, random, got 'pretrained' \(did you mean 'pretrain'\?\)/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "--max-df", "1.5"]))).toMatch(/--max-df/);
    expect(usageMessage(() => parseFitArgs([...base, "--json=yes"]))).toMatch(
      /'--json' does not take a value/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "--out"]))).toMatch(/'--out' needs a value/);
  });

  it("ties --lr to the optimizers that use it", () => {
    const base = ["d.mtx", "--ranks", "3,2"];
    expect(usageMessage(() => parseFitArgs([...base, "--lr", "0.1"]))).toMatch(/adam or pgd only/);
    expect(usageMessage(() => parseFitArgs([...base, "--optimizer", "pgd"]))).toMatch(
      /pgd needs a learning rate/,
    );
    expect(parseFitArgs([...base, "--optimizer", "pgd", "--lr", "0.5"])).toMatchObject({
      optimizer: "pgd",
      learningRate: 0.5,
    });
  });

  it("refuses --known with --unsupervised", () => {
    expect(
      usageMessage(() =>
        parseFitArgs(["d.mtx", "--ranks", "3", "--known", "k", "--unsupervised", "--labels", "l"]),
      ),
    ).toMatch(/--known/);
  });

  it("reads document-frequency bounds as counts or proportions", () => {
    const df = (v: string) => new OptionReader("fit", { x: v }).documentFrequency("x");
    expect(df("3")).toBe(3);
    expect(df("0.5")).toBe(0.5);
    expect(df("1.0")).toEqual({ proportion: 1 });
    expect(df("100%")).toEqual({ proportion: 1 });
    expect(df("0%")).toEqual({ proportion: 0 });
    expect(df("12.5%")).toBe(0.125);
    expect(() => df("-1")).toThrow(UsageError);
    expect(() => df("abc")).toThrow(/document count/);
  });
});

describe("repeated options", () => {
  const base = ["d.mtx", "--ranks", "3,2"];

  it("refuses a value option given twice instead of keeping the last value", () => {
    expect(usageMessage(() => parseFitArgs([...base, "--ranks", "9,4,2"]))).toBe(
      "fit: --ranks given twice; give it once",
    );
    expect(usageMessage(() => parseFitArgs([...base, "--seed=1", "--seed", "2"]))).toBe(
      "fit: --seed given twice; give it once",
    );
    expect(usageMessage(() => parseFitArgs([...base, "-o", "a.json", "--out", "b.json"]))).toBe(
      "fit: --out given twice (as -o and --out); give it once",
    );
    expect(
      usageMessage(() =>
        parseFitArgs([...base, "--epochs", "1", "--epochs", "1", "--epochs", "2"]),
      ),
    ).toBe("fit: --epochs given 3 times; give it once");
    // The same value twice is refused too: one rule, no guessing.
    expect(usageMessage(() => parseFitArgs([...base, "--lr", "0.1", "--lr", "0.1"]))).toMatch(
      /--lr given twice/,
    );
  });

  it("refuses a flag given twice, also in a group of short flags", () => {
    expect(usageMessage(() => parseFitArgs([...base, "--json", "--json"]))).toBe(
      "fit: --json given twice; give it once",
    );
    expect(usageMessage(() => parseFitArgs([...base, "-q", "--quiet"]))).toMatch(
      /--quiet given twice \(as -q and --quiet\)/,
    );
    expect(usageMessage(() => parseFitArgs([...base, "-qq"]))).toMatch(/--quiet given twice/);
  });

  it("applies to every command, and not to arguments after --", () => {
    expect(usageMessage(() => parseTopicsArgs(["m.json", "--top", "3", "--top", "4"]))).toBe(
      "topics: --top given twice; give it once",
    );
    expect(usageMessage(() => parseEvalArgs(["m", "d", "--labels", "a", "--labels", "b"]))).toBe(
      "eval: --labels given twice; give it once",
    );
    expect(usageMessage(() => parseDemoArgs(["--genres", "A", "--genres", "B"]))).toBe(
      "demo: --genres given twice; give it once",
    );
    expect(parseTopicsArgs(["--top", "3", "--", "--top"])).toMatchObject({ model: "--top" });
  });

  it("reads --force, which needs --out", () => {
    expect(parseFitArgs([...base, "--out", "m.json", "--force"])).toMatchObject({
      out: "m.json",
      force: true,
    });
    expect(parseFitArgs([...base, "-fo", "m.json"])).toMatchObject({ force: true });
    expect(usageMessage(() => parseFitArgs([...base, "--force"]))).toMatch(
      /--force applies to --out only/,
    );
  });
});

describe("parseTopicsArgs / parseEvalArgs", () => {
  it("reads topics arguments", () => {
    expect(parseTopicsArgs(["m.json"])).toEqual({
      model: "m.json",
      top: 8,
      json: false,
      outputs: { force: false },
    });
    expect(parseTopicsArgs(["m.json", "--top", "3", "--vocab", "v.txt", "--json"])).toEqual({
      model: "m.json",
      top: 3,
      vocab: "v.txt",
      json: true,
      outputs: { force: false },
    });
    expect(
      parseTopicsArgs([
        "m.json",
        "--documents",
        "docs",
        "--html",
        "t.html",
        "--svg",
        "t.svg",
        "-f",
      ]),
    ).toEqual({
      model: "m.json",
      top: 8,
      documents: "docs",
      json: false,
      outputs: { html: "t.html", svg: "t.svg", force: true },
    });
    expect(usageMessage(() => parseTopicsArgs(["m.json", "--force"]))).toBe(
      "topics: --force applies to --html and --svg only: add --html FILE or --svg FILE",
    );
    expect(usageMessage(() => parseTopicsArgs(["m.json", "--html", "a", "--html", "b"]))).toBe(
      "topics: --html given twice; give it once",
    );
    expect(usageMessage(() => parseTopicsArgs(["m.json", "--documents"]))).toBe(
      "topics: option '--documents' needs a value",
    );
    expect(usageMessage(() => parseTopicsArgs(["m.json", "--documents", " "]))).toBe(
      "topics: --documents needs a value",
    );
    expect(usageMessage(() => parseTopicsArgs([]))).toMatch(/topics: missing model.json/);
    expect(usageMessage(() => parseTopicsArgs(["m.json", "--top", "0"]))).toMatch(/--top/);
  });

  it("reads eval arguments", () => {
    expect(parseEvalArgs(["m.json", "d.mtx", "--labels", "l.txt", "--json"])).toEqual({
      model: "m.json",
      input: "d.mtx",
      labels: "l.txt",
      json: true,
      quiet: false,
    });
    expect(parseEvalArgs(["m.json", "d.mtx", "-q"])).toMatchObject({ quiet: true, json: false });
    expect(parseEvalArgs(["m.json", "d.mtx", "--documents", "c.jsonl"])).toMatchObject({
      documents: "c.jsonl",
    });
    expect(usageMessage(() => parseEvalArgs(["m", "d", "--documents", "a", "--documents=b"]))).toBe(
      "eval: --documents given twice; give it once",
    );
    expect(usageMessage(() => parseEvalArgs(["m.json"]))).toMatch(/eval: missing input/);
    expect(usageMessage(() => parseEvalArgs(["m.json", "d", "--ranks", "3"]))).toMatch(
      /unknown option '--ranks'/,
    );
  });
});

describe("parseTransformArgs", () => {
  it("reads the arguments, with JSON lines on stdout by default", () => {
    expect(parseTransformArgs(["m.json", "d.mtx"])).toEqual({
      model: "m.json",
      input: "d.mtx",
      format: "jsonl",
      force: false,
      quiet: false,
    });
    expect(
      parseTransformArgs(["m.json", "docs", "--format", "csv", "-o", "t.csv", "-f", "-q"]),
    ).toEqual({
      model: "m.json",
      input: "docs",
      format: "csv",
      out: "t.csv",
      force: true,
      quiet: true,
    });
    expect(parseTransformArgs(["--help"])).toBe("help");
  });

  it("refuses what the other commands refuse, naming the flag", () => {
    expect(usageMessage(() => parseTransformArgs(["m.json"]))).toBe("transform: missing input");
    expect(usageMessage(() => parseTransformArgs(["m", "d", "x"]))).toBe(
      "transform: unexpected argument 'x'",
    );
    expect(usageMessage(() => parseTransformArgs(["m", "d", "--formt", "csv"]))).toBe(
      "transform: unknown option '--formt' (did you mean --format?)",
    );
    expect(usageMessage(() => parseTransformArgs(["m", "d", "--format", "xml"]))).toBe(
      "transform: --format must be one of jsonl, csv, got 'xml'",
    );
    expect(usageMessage(() => parseTransformArgs(["m", "d", "--format", "json"]))).toMatch(
      /got 'json' \(did you mean 'jsonl'\?\)/,
    );
    expect(
      usageMessage(() => parseTransformArgs(["m", "d", "--format", "csv", "--format=csv"])),
    ).toBe("transform: --format given twice; give it once");
    expect(usageMessage(() => parseTransformArgs(["m", "d", "-o", "a", "--out", "b"]))).toBe(
      "transform: --out given twice (as -o and --out); give it once",
    );
    expect(usageMessage(() => parseTransformArgs(["m", "d", "--force"]))).toBe(
      "transform: --force applies to --out only: add --out FILE",
    );
    expect(usageMessage(() => parseTransformArgs(["m", "d", "--quiet=yes"]))).toBe(
      "transform: option '--quiet' does not take a value",
    );
    expect(usageMessage(() => parseTransformArgs(["m", "d", "--ranks", "3"]))).toMatch(
      /^transform: unknown option '--ranks'/,
    );
  });
});

describe("parseDemoArgs", () => {
  it("writes the tree to its own file by default, elsewhere with --html", () => {
    expect(parseDemoArgs([])).toMatchObject({ html: "neural-nmf-demo-tree.html", replace: true });
    expect(parseDemoArgs(["--html", "t.html"])).toMatchObject({ html: "t.html", replace: false });
    expect(parseDemoArgs(["--html", "t.html", "-f"])).toMatchObject({ replace: true });
    expect(usageMessage(() => parseDemoArgs(["--force"]))).toBe(
      "demo: --force applies to --html only: add --html FILE",
    );
  });
});

describe("help", () => {
  it.each([fitSpec, transformSpec, topicsSpec, evalSpec, demoSpec])(
    "lists every option of $name",
    (spec) => {
      const help = formatHelp(spec);
      expect(help).toMatch(new RegExp(`^Usage: neural-nmf ${spec.name} `));
      for (const name of Object.keys(spec.options)) expect(help).toContain(`--${name}`);
      for (const line of help.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    },
  );

  it("wraps text with a hanging indent", () => {
    expect(wrap("aaa bbb ccc ddd", 9, 2)).toBe("  aaa bbb\n  ccc ddd");
  });
});

describe("suggest", () => {
  it("finds likely typos only", () => {
    expect(suggest("epoch", ["epochs", "seed"])).toBe("epochs");
    expect(suggest("sede", ["epochs", "seed"])).toBe("seed");
    expect(suggest("tim", ["time-budget", "tolerance"])).toBe("time-budget");
    expect(suggest("xyz", ["epochs", "seed"])).toBeUndefined();
  });
});

describe("parseCommand", () => {
  it("treats arguments after -- as positionals", () => {
    const spec = { ...topicsSpec };
    expect(parseCommand(spec, ["--", "--weird-name.json"]).positionals).toEqual([
      "--weird-name.json",
    ]);
  });
});

describe("reportError", () => {
  it("gives usage errors exit code 2 and a pointer to the help", () => {
    expect(reportError(new UsageError("fit: bad", "fit"))).toEqual({
      message: "fit: bad (see 'neural-nmf fit --help')",
      exitCode: 2,
    });
  });

  it("keeps unexpected errors on one line", () => {
    const r = reportError(new TypeError("a\nb"));
    expect(r.exitCode).toBe(1);
    expect(r.message).toBe("internal error: TypeError: a b");
  });
});
