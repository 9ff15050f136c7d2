import {
  ArgumentTypeError,
  NeuralNmfError,
  NonFiniteError,
  ShapeError,
  ValueError,
} from "@neural-nmf/tensor";
import { ParseError } from "@neural-nmf/text";
import { TrainingError } from "neural-nmf";
import { describe, expect, it } from "vitest";
import { demoSpec } from "../src/commands/demo.js";
import { fitSpec } from "../src/commands/fit-args.js";
import {
  ARGUMENT_TARGETS,
  CliError,
  type ErrorContext,
  libraryError,
  reportError,
  UsageError,
  withErrorContext,
} from "../src/errors.js";

// Library errors carry the name of the argument at fault (`error.argument`); the CLI names the
// user's flag or file instead, from that name and the error class, never from the wording.
const FIT: ErrorContext = {
  command: "fit",
  options: Object.keys(fitSpec.options),
  input: "x.mtx",
  labels: "l.txt",
  known: "k.txt",
  flags: { ranks: "9,4,2", lr: "1e-3", epochs: "50", optimizer: "adam", seed: "7" },
};

function mapped(error: NeuralNmfError, context: ErrorContext = FIT): UsageError | CliError {
  return libraryError(error, context);
}

describe("flags: a usage error naming the flag and the value given", () => {
  it.each([
    ["ranks", "--ranks", "'9,4,2'"],
    ["learningRate", "--lr", "'1e-3'"],
    ["maxEpochs", "--epochs", "'50'"],
    ["timeBudgetMs", "--time-budget", ""],
    ["tolerance", "--tolerance", ""],
    ["threads", "--threads", ""],
    ["batchSize", "--batch-size", ""],
    ["seed", "--seed", "'7'"],
    ["init", "--init", ""],
    ["optimizer", "--optimizer", "'adam'"],
    ["minDf", "--min-df", ""],
    ["maxDf", "--max-df", ""],
    ["maxFeatures", "--max-features", ""],
  ])("argument %s → %s", (argument, flag, value) => {
    const e = mapped(new ValueError(`fit: option \`${argument}\` must be positive`, argument));
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).command).toBe("fit");
    const quoted = value === "" ? "" : ` ${value}`;
    expect(e.message).toBe(`fit: ${flag}${quoted} is refused: option ${flag} must be positive`);
    expect(reportError(e).exitCode).toBe(2);
  });

  it("names the flag for a non-finite option value too (it is the value, not the data)", () => {
    const e = mapped(
      new NonFiniteError("fit: option `learningRate` must be > 0, got Infinity", "learningRate"),
    );
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toMatch(/^fit: --lr '1e-3' is refused: option --lr must be > 0/);
  });

  it("treats a flag the command does not have as internal", () => {
    const demo = {
      command: "demo",
      options: Object.keys(demoSpec.options),
      input: "the Brown corpus",
    };
    const e = mapped(new ValueError("fit: option `learningRate` is bad", "learningRate"), demo);
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toMatch(
      /\(internal: fit, learningRate: option `learningRate` is bad\); this is a bug/,
    );
    // demo has --ranks: that one is named.
    expect(mapped(new ValueError("NeuralNMF: ranks bad", "ranks"), demo).message).toBe(
      "demo: --ranks is refused: ranks bad",
    );
  });

  it("puts flag errors under the failed step when one is given (the data made them fail)", () => {
    const e = mapped(
      new ValueError(
        "TextVectorizer.fitTransform: no term is left after pruning by document frequency; lower `minDf` or raise `maxDf`",
        "minDf",
      ),
      { ...FIT, input: "docs", step: "cannot vectorise 'docs'" },
    );
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toBe(
      "cannot vectorise 'docs': no term is left after pruning by document frequency; lower --min-df or raise --max-df",
    );
  });
});

describe("the data: the input file, by name", () => {
  it.each(["X", "x", "data", "documents"])(
    "argument %s of a shape or value error → the input",
    (argument) => {
      for (const Kind of [ShapeError, ValueError, ArgumentTypeError]) {
        const e = mapped(new Kind(`fit: argument \`${argument}\` has 0 columns`, argument));
        expect(e).toBeInstanceOf(CliError);
        expect(e.message).toBe("the input 'x.mtx' is refused: argument the data has 0 columns");
      }
    },
  );

  it.each(["X", "x", "a", "values"])(
    "a non-finite value in argument %s → what to check",
    (argument) => {
      const e = mapped(new NonFiniteError(`svd: argument ${argument} holds Infinity`, argument));
      expect(e).toBeInstanceOf(CliError);
      expect(e.message).toBe(
        `the data in 'x.mtx' produced a non-finite value (internal: svd, ${argument}); check for values near ±1e308, or rescale the data`,
      );
      expect(reportError(e).exitCode).toBe(1);
    },
  );

  it("a and values in any other error are an internal function's arguments", () => {
    const e = mapped(new ShapeError("matmul: argument `a` has shape [3, 4], expected 5 rows", "a"));
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toBe(
      "could not process 'x.mtx' (internal: matmul, a: argument `a` has shape [3, 4], expected 5 rows); this is a bug, please report it with the output of NEURAL_NMF_DEBUG=1",
    );
  });
});

describe("labels and known columns: the files, by name", () => {
  it.each(["labels", "supervision", "classes"])("argument %s → the labels file", (argument) => {
    const e = mapped(new ShapeError("fit: 80 labels for 90 columns", argument));
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toBe("labels file 'l.txt': 80 labels for 90 columns");
  });

  it("labels read from the input (JSON lines) are named after the input", () => {
    const e = mapped(new ValueError("fit: labels must be integers", "labels"), {
      ...FIT,
      labels: undefined,
      input: "c.jsonl",
    });
    expect(e.message).toBe("the labels in 'c.jsonl': labels must be integers");
  });

  it.each(["known", "fitOn"])("argument %s → the known-columns file", (argument) => {
    const e = mapped(new ValueError("fit: `known` holds column 95 of 90", argument));
    expect(e.message).toBe("known-columns file 'k.txt': the known columns holds column 95 of 90");
  });
});

describe("training and parsing", () => {
  it("a non-finite loss: the epoch and what to try, by optimizer", () => {
    const adam = mapped(new TrainingError("fit: loss is NaN at epoch 12", 12));
    expect(adam.message).toBe(
      "training failed at epoch 12: the loss became non-finite (internal: fit, loss); lower --lr, or use --optimizer spg",
    );
    const spg = mapped(new TrainingError("fit: initial loss is Infinity", 0), {
      ...FIT,
      flags: {},
    });
    expect(spg.message).toBe(
      "training failed before the first epoch (the initial loss): the loss became non-finite (internal: fit, loss); check 'x.mtx' for values near ±1e308",
    );
  });

  it("a parse error: the file and line, from the error's fields", () => {
    const e = mapped(new ParseError("parseMatrixMarket", 4, "row index 3 is out of range 1..2"));
    expect(e.message).toBe("x.mtx: line 4: row index 3 is out of range 1..2");
  });
});

describe("internal arguments never pass for the user's", () => {
  it.each(["classificationWeight", "G", "state.B", "colPtr", "options.tolerance", "level"])(
    "argument %s is reported as internal",
    (argument) => {
      const e = mapped(new ValueError(`fit: option \`${argument}\` is out of range`, argument));
      expect(e).toBeInstanceOf(CliError);
      expect(e.message).toMatch(
        new RegExp(
          `^could not process 'x.mtx' \\(internal: fit, ${argument.replace(".", "\\.")}: `,
        ),
      );
      expect(e.message).not.toMatch(/^fit: --/);
    },
  );

  it("an error without an argument, or without a function name", () => {
    expect(mapped(new NeuralNmfError("something odd")).message).toBe(
      "could not process 'x.mtx' (internal: no argument: something odd); this is a bug, please report it with the output of NEURAL_NMF_DEBUG=1",
    );
    expect(mapped(new NonFiniteError("overflow", "classificationWeight")).message).toMatch(
      /^the data in 'x.mtx' produced a non-finite value \(internal: classificationWeight\)/,
    );
  });

  it("every mapped name has a target the CLI knows", () => {
    for (const target of Object.values(ARGUMENT_TARGETS)) {
      if (target.kind === "flag") expect(Object.keys(fitSpec.options)).toContain(target.flag);
    }
  });
});

describe("withErrorContext and reportError", () => {
  it("translates library errors only", () => {
    expect(() =>
      withErrorContext(FIT, () => {
        throw new ValueError("fit: bad", "ranks");
      }),
    ).toThrow(UsageError);
    const other = new CliError("cannot read input 'x.mtx': no such file or directory");
    expect(() =>
      withErrorContext(FIT, () => {
        throw other;
      }),
    ).toThrow(other);
    expect(withErrorContext(FIT, () => 3)).toBe(3);
  });

  it("maps a library error that escaped every command, without file names", () => {
    expect(reportError(new ValueError("NeuralNMF: ranks must decrease", "ranks"))).toEqual({
      message: "--ranks is refused: ranks must decrease (see 'neural-nmf --help')",
      exitCode: 2,
    });
    expect(reportError(new NonFiniteError("svd: argument a holds Infinity", "a"))).toEqual({
      message:
        "the data produced a non-finite value (internal: svd, a); check for values near ±1e308, or rescale the data",
      exitCode: 1,
    });
  });

  it("keeps every message on one line", () => {
    const e = mapped(new ValueError("fit: first line\n  second line", "ranks"));
    expect(reportError(e).message).not.toMatch(/\n/);
  });
});
