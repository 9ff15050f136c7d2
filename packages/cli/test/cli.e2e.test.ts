import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CscMatrix } from "@neural-nmf/tensor";
import { formatMatrixMarket } from "@neural-nmf/text";
import { syntheticHierarchy } from "neural-nmf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENTS, lowRankMatrix, tempDir } from "./helpers.js";

// End-to-end: every test spawns the built binary, exactly as a user runs it.
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(PACKAGE, "dist", "bin.js");
const tmp = tempDir();
const env: NodeJS.ProcessEnv = { ...process.env };
delete env.NEURAL_NMF_DEBUG;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: "utf8", env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The last line of stdout, parsed. */
function lastJson(r: Run): Record<string, unknown> {
  const lines = r.stdout.trimEnd().split("\n");
  return JSON.parse(lines[lines.length - 1] as string) as Record<string, unknown>;
}

/** A failure must be one `neural-nmf: error:` line on stderr, no stack, nothing on stdout. */
function expectOneLineError(r: Run, status: number, message: RegExp): void {
  expect(r.status).toBe(status);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^neural-nmf: error: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(message);
}

const FAST = ["--epochs", "15", "--quiet"];

beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(PACKAGE, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  const x = lowRankMatrix(14, 12, 3, 2);
  tmp.write("dense.mtx", formatMatrixMarket(x));
  tmp.write("sparse.mtx", formatMatrixMarket(CscMatrix.fromDense(x), { comment: " sparse copy" }));
  tmp.write("rows.txt", `${Array.from({ length: 14 }, (_, i) => `word${i}`).join("\n")}\n`);
  mkdirSync(join(tmp.dir, "docs"));
  for (const [name, text] of Object.entries(DOCUMENTS)) tmp.write(`docs/${name}`, text);
  const subjects = [
    "pets",
    "pets",
    "pets",
    "pets",
    "money",
    "money",
    "money",
    "weather",
    "weather",
  ];
  tmp.write(
    "corpus.jsonl",
    Object.values(DOCUMENTS)
      .map((text, i) => JSON.stringify({ text, label: subjects[i] }))
      .join("\n"),
  );
  const synthetic = syntheticHierarchy({ seed: 1 });
  tmp.write("synthetic.mtx", formatMatrixMarket(synthetic.X));
  tmp.write("labels.txt", `${Array.from(synthetic.labels[2] as Int32Array).join("\n")}\n`);
  // Every third column's label is known.
  const known = Array.from({ length: synthetic.X.cols }, (_, j) => j).filter((j) => j % 3 === 0);
  tmp.write("known.txt", `${known.join("\n")}\n`);
}, 60_000);

afterAll(() => tmp.cleanup());

describe("top level", () => {
  it("prints the version and the help", () => {
    const version = cli("--version");
    expect(version.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8"));
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const help = cli("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: neural-nmf <command>/);
    for (const command of ["fit", "transform", "topics", "eval", "demo"]) {
      expect(help.stdout).toContain(`  ${command} `);
      const sub = cli(command, "--help");
      expect(sub.status).toBe(0);
      expect(sub.stdout).toMatch(new RegExp(`^Usage: neural-nmf ${command} `));
    }
  });

  it("shows the help on stderr with exit code 2 when run without arguments", () => {
    const r = cli();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage: neural-nmf <command>/);
  });
});

describe("fit, topics, eval on a Matrix Market file", () => {
  it("fits a dense file, saves the model and ends stdout with the JSON summary", () => {
    const r = cli("fit", "dense.mtx", "--ranks", "3,2", "--out", "dense.json", "--json", ...FAST);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const summary = lastJson(r);
    expect(summary.relativeError).toHaveLength(2);
    expect((summary.relativeError as number[])[0]).toBeLessThan(0.1);
    expect(summary.epochs).toBeGreaterThan(0);
    expect(summary.epochs).toBeLessThanOrEqual(15);
    expect(typeof summary.seconds).toBe("number");
    expect(["maxEpochs", "tolerance"]).toContain(summary.stopReason);
    expect(summary.accuracy).toBeUndefined();
    const file = JSON.parse(readFileSync(join(tmp.dir, "dense.json"), "utf8"));
    expect(file).toMatchObject({ format: "neural-nmf-cli", version: 1 });
    expect(file.model.format).toBe("neural-nmf-model");
    expect(file.vectorizer).toBeUndefined();
  });

  it("fits a sparse file with progress lines on stderr and a readable summary", () => {
    const r = cli(
      "fit",
      "sparse.mtx",
      "--ranks",
      "3",
      "--epochs",
      "20",
      "--vocab",
      "rows.txt",
      "-o",
      "sparse.json",
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^Fitting ranks 3 on a 14 × 12 sparse matrix/);
    expect(r.stderr).toMatch(/^epoch \d+\/20 {2}loss [\d.e+-]+ {2}elapsed [\d.]+s$/m);
    expect(r.stdout).toMatch(/level {2}rank {2}relative error/);
    expect(r.stdout).toMatch(/Model saved to sparse.json/);
  });

  it("prints the topic tree with the saved or given vocabulary", () => {
    const saved = cli("topics", "sparse.json", "--top", "3");
    expect(saved.status).toBe(0);
    expect(saved.stdout).toMatch(/^L1#0 {2}word\d+, word\d+, word\d+$/m);
    const indices = cli("topics", "dense.json");
    expect(indices.stdout).toMatch(/^L2#0 {2}#\d+/m);
    expect(indices.stdout).toMatch(/^[├└]─ L1#\d {2}[ \d]{3}% {2}#\d+/m);
    const given = cli("topics", "dense.json", "--vocab", "rows.txt", "--json");
    const json = lastJson(given);
    expect(json.ranks).toEqual([3, 2]);
    expect((json.hierarchy as unknown[]).length).toBe(1);
  });

  it("evaluates a saved model on data", () => {
    const fit = lastJson(cli("fit", "dense.mtx", "--ranks", "3,2", "--json", ...FAST));
    const r = cli("eval", "dense.json", "dense.mtx", "--json");
    expect(r.status).toBe(0);
    const e = lastJson(r);
    expect(e.relativeError as number[]).toHaveLength(2);
    (e.relativeError as number[]).forEach((v, l) => {
      expect(v).toBeCloseTo((fit.relativeError as number[])[l] as number, 6);
    });
    const text = cli("eval", "dense.json", "sparse.mtx");
    expect(text.stdout).toMatch(/^Model dense.json \(ranks 3 → 2\) on a 14 × 12 sparse matrix/);
  });
});

describe("training options", () => {
  it("stops on the time budget", () => {
    const args = ["synthetic.mtx", "--ranks", "9,4,2", "--time-budget", "0.05", "--tolerance", "0"];
    const summary = lastJson(cli("fit", ...args, "--epochs", "100000", "--json", "-q"));
    expect(summary.stopReason).toBe("timeBudget");
    expect(summary.epochs).toBeLessThan(100000);
  });

  it("trains the energy loss with adam", () => {
    const args = ["dense.mtx", "--ranks", "3,2", "--loss", "energy", "--optimizer", "adam"];
    const r = cli("fit", ...args, "--lr", "0.01", "--init", "nndsvd", "--json", ...FAST);
    expect(r.status).toBe(0);
    expect(lastJson(r).epochs).toBe(15);
  });
});

describe("labels", () => {
  it("trains semi-supervised and scores accuracy on the unlabelled columns", () => {
    const args = [
      "synthetic.mtx",
      "--ranks",
      "9,4,2",
      "--labels",
      "labels.txt",
      "--known",
      "known.txt",
    ];
    const r = cli("fit", ...args, "--json", "-o", "semi.json", ...FAST);
    expect(r.status).toBe(0);
    const summary = lastJson(r);
    expect(Object.keys(summary.accuracy as object)).toEqual(["1", "2", "3"]);
    expect(summary).toMatchObject({ accuracyScope: "unlabelled", fittedOn: 30, scoredOn: 60 });
    expect((summary.accuracy as Record<string, number>)["1"]).toBeGreaterThan(0.9);
    const e = cli("eval", "semi.json", "synthetic.mtx", "--labels", "labels.txt");
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/fitted and scored on the 90 labelled columns/);
    expect(e.stdout).toMatch(/Trained classifier \(top level\): [\d.]+%/);
  });
});

describe("text inputs", () => {
  it("fits a folder of .txt files and prints topics with words", () => {
    const r = cli("fit", "docs", "--ranks", "3,2", "-o", "docs.json", "--json", ...FAST);
    expect(r.status).toBe(0);
    expect(lastJson(r).shape).toEqual([expect.any(Number), 9]);
    const file = JSON.parse(readFileSync(join(tmp.dir, "docs.json"), "utf8"));
    expect(file.vectorizer.format).toBe("neural-nmf/text-vectorizer");
    expect(file.vocabulary).toContain("investors");
    expect(file.vocabulary).not.toContain("the");
    const topics = cli("topics", "docs.json", "--top", "4");
    expect(topics.status).toBe(0);
    expect(topics.stdout).toMatch(/saved vocabulary/);
    expect(topics.stdout).toMatch(/investors|markets|shares/);
    const e = cli("eval", "docs.json", "docs");
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/on 9 documents/);
  });

  it("fits JSON lines with class names and records them", () => {
    const r = cli(
      "fit",
      "corpus.jsonl",
      "--ranks",
      "3,2",
      "--max-df",
      "0.9",
      "-o",
      "jsonl.json",
      "--json",
      ...FAST,
    );
    expect(r.status).toBe(0);
    const summary = lastJson(r);
    expect(summary.accuracy).toBeDefined();
    expect(summary.accuracyScope).toBe("labelled");
    const file = JSON.parse(readFileSync(join(tmp.dir, "jsonl.json"), "utf8"));
    expect(file.labelNames).toEqual(["pets", "money", "weather"]);
    const e = cli("eval", "jsonl.json", "corpus.jsonl", "--json");
    expect(lastJson(e).accuracy).toBeDefined();
  });
});

describe("errors are one line on stderr with a non-zero exit code", () => {
  it("missing input file", () => {
    expectOneLineError(
      cli("fit", "missing.mtx", "--ranks", "3,2"),
      1,
      /cannot read input 'missing.mtx': no such file or directory/,
    );
  });

  it("ranks that do not decrease", () => {
    expectOneLineError(
      cli("fit", "dense.mtx", "--ranks", "9,9"),
      2,
      /--ranks must decrease strictly/,
    );
  });

  it("ranks larger than the data", () => {
    expectOneLineError(cli("fit", "dense.mtx", "--ranks", "13,2"), 2, /at most 12/);
  });

  it("unknown flag", () => {
    expectOneLineError(
      cli("fit", "dense.mtx", "--ranks", "3", "--epoch", "3"),
      2,
      /unknown option '--epoch' \(did you mean --epochs\?\)/,
    );
  });

  it("unknown command", () => {
    expectOneLineError(cli("train", "x"), 2, /unknown command 'train'/);
  });

  it("malformed Matrix Market file, with its line number", () => {
    tmp.write("bad.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 0.5\n3 1 2\n");
    expectOneLineError(
      cli("fit", "bad.mtx", "--ranks", "1"),
      1,
      /bad.mtx: line 4: row index 3 is out of range 1..2/,
    );
  });

  it("a hostile size line, refused before anything is allocated", () => {
    tmp.write("huge.mtx", "%%MatrixMarket matrix coordinate real general\n1 2147483647 1\n1 1 1\n");
    expectOneLineError(
      cli("fit", "huge.mtx", "--ranks", "1"),
      1,
      /huge.mtx: line 2: 2147483647 columns are more than the supported 100000000 columns/,
    );
    tmp.write("lying.mtx", "%%MatrixMarket matrix array real general\n40000 40000\n1\n");
    expectOneLineError(
      cli("eval", "dense.json", "lying.mtx", "--quiet"),
      1,
      /lying.mtx: line 2: size line announces 1600000000 entries but the 2 byte\(s\) after it/,
    );
  });

  it("negative data", () => {
    tmp.write("negative.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n-0.5\n1\n1\n");
    expectOneLineError(
      cli("fit", "negative.mtx", "--ranks", "1"),
      1,
      /'negative.mtx' has a negative entry -0.5 at row 1, column 0/,
    );
  });

  it("a vocabulary filter that leaves no word", () => {
    expectOneLineError(
      cli("fit", "docs", "--ranks", "2", "--min-df", "9", "--max-df", "2"),
      1,
      /cannot vectorise 'docs': .*--min-df/,
    );
  });

  it("labels file of the wrong length", () => {
    expectOneLineError(
      cli("fit", "dense.mtx", "--ranks", "3", "--labels", "labels.txt"),
      1,
      /labels file 'labels.txt' has 90 line\(s\) but the input has 12 column\(s\)/,
    );
  });

  it("a file that is not a model", () => {
    expectOneLineError(cli("topics", "rows.txt"), 1, /model file 'rows.txt' is not valid JSON/);
    expectOneLineError(cli("topics", "corpus.jsonl"), 1, /is not valid JSON/);
  });

  it("text input for a matrix model", () => {
    expectOneLineError(cli("eval", "dense.json", "docs"), 1, /has no vectoriser/);
  });

  it("an output folder that does not exist, before training", () => {
    expectOneLineError(
      cli("fit", "dense.mtx", "--ranks", "3", "-o", "nowhere/m.json"),
      1,
      /cannot write model file 'nowhere\/m.json': no such file or directory/,
    );
  });
});

describe("hostile input is refused before it costs anything, naming the argument or file", () => {
  it("--out over the input, however spelt, even with --force; the data is left intact", () => {
    const before = readFileSync(join(tmp.dir, "dense.mtx"), "utf8");
    for (const out of ["dense.mtx", "./dense.mtx", "docs/../dense.mtx"]) {
      expectOneLineError(
        cli("fit", "dense.mtx", "--ranks", "3,2", "--out", out, "--force"),
        2,
        new RegExp(
          `fit: --out '${out.replace(/\./g, "\\.")}' is the input 'dense\\.mtx'; writing the model file there would destroy it`,
        ),
      );
    }
    expect(readFileSync(join(tmp.dir, "dense.mtx"), "utf8")).toBe(before);
  });

  it("--out over an existing file without --force", () => {
    expectOneLineError(
      cli("fit", "dense.mtx", "--ranks", "3,2", "--out", "rows.txt"),
      2,
      /fit: --out 'rows\.txt' already exists; add --force to replace it/,
    );
  });

  it("an option given twice", () => {
    expectOneLineError(
      cli("fit", "dense.mtx", "--ranks", "3,2", "--ranks", "4,2"),
      2,
      /^neural-nmf: error: fit: --ranks given twice; give it once \(see 'neural-nmf fit --help'\)$/m,
    );
  });

  it("a class number that would make a million classes", () => {
    const lines = Array.from({ length: 90 }, (_, j) => (j === 41 ? 1_000_000 : j % 3));
    tmp.write("big-labels.txt", `${lines.join("\n")}\n`);
    expectOneLineError(
      cli("fit", "synthetic.mtx", "--ranks", "3", "--labels", "big-labels.txt"),
      1,
      /big-labels\.txt: line 42: class 1000000 is too large: .* only 90 labelled column\(s\) .*; renumber the classes 0, 1, 2/,
    );
  });

  it("a rank the library refuses is named as --ranks, with the value given", () => {
    expectOneLineError(
      cli("fit", "dense.mtx", "--ranks", "20000,2"),
      2,
      // The reason is the library's own words; the flag and the value are the CLI's.
      /fit: --ranks '20000,2' is refused: .*20000.*10000/,
    );
  });

  it("data whose squares overflow, for a loss that does not rescale it: before training", () => {
    tmp.write(
      "overflow.mtx",
      "%%MatrixMarket matrix array real general\n2 2\n1e308\n1e308\n1e308\n1e308\n",
    );
    expectOneLineError(
      cli("fit", "overflow.mtx", "--ranks", "1", "--loss", "energy", "--epochs", "3"),
      1,
      /the data in 'overflow\.mtx' is too large for --loss energy: the sum of its squared entries overflows/,
    );
    // The default loss rescales the data by a power of two and fits it.
    expect(cli("fit", "overflow.mtx", "--ranks", "1", "--epochs", "3", "-q").status).toBe(0);
  });
});

describe("demo (the project's main job) on a slice of the Brown corpus", () => {
  it("prints the topic tree, the label alignment and the accuracies", () => {
    const r = cli("demo", "--genres", "A,J,L,N", "--ranks", "4,2", "--epochs", "20", "--top", "5");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Brown corpus: \d+ texts/);
    expect(r.stdout).toContain("Topic tree");
    expect(r.stdout).toMatch(/L2#0 {2}\S+/);
    expect(r.stdout).toMatch(/├─ L1#\d|└─ L1#\d/);
    // Each topic's NPMI coherence next to its words, and the mean of each level.
    expect(r.stdout).toMatch(/^L2#0 {2}NPMI +-?\d\.\d{3} {2}\w+, \w+/m);
    expect(r.stdout.match(/[├└]─ L1#\d +\d+% {2}NPMI +(-?\d\.\d{3}|–) {2}\w/g)).toHaveLength(4);
    expect(r.stdout).toMatch(/Mean NPMI per level: level 1 -?\d\.\d{3}, level 2 -?\d\.\d{3}/);
    expect(r.stdout).toMatch(/level 1 \( 4 topics\) vs \d genre groups: \d+\.\d%/);
    expect(r.stdout).toMatch(/level 2 \( 2 topics\) vs 2 kinds of prose: \d+\.\d%/);
    expect(r.stdout).toMatch(/Relative error per level: 0\.\d+ \/ 0\.\d+/);
    // It ends with the interactive tree, written to the current folder.
    const path = join(tmp.dir, "neural-nmf-demo-tree.html");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-2)).toMatch(
      new RegExp(
        `^Topic tree written to ${path.replace(/[.]/g, "\\.")} {2}\\[total \\d+\\.\\d s\\]$`,
      ),
    );
    expect(lines.at(-1)).toBe(`Open it in a browser: ${pathToFileURL(path).href}`);
    const html = readFileSync(path, "utf8");
    expect(html.match(/<details class="nnmf-topic"/g)).toHaveLength(6);
    expect(html).toContain("Brown corpus: 4 → 2 topics of");
    expect(html).toMatch(/<span class="nnmf-doc-title">c[ajln]\d\d · /);
    // A second run replaces the demo's own file; --html elsewhere does not replace a file.
    expect(cli("demo", "--genres", "A,J", "--ranks", "2", "--epochs", "2").status).toBe(0);
    expectOneLineError(
      cli("demo", "--html", "neural-nmf-demo-tree.html"),
      2,
      /demo: --html 'neural-nmf-demo-tree\.html' already exists; add --force to replace it/,
    );
  });

  it("rejects unknown genre letters with one error line", () => {
    expectOneLineError(cli("demo", "--genres", "A,Z"), 2, /Brown genre letters/);
  });
});
