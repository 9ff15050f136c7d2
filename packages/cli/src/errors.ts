import { NeuralNmfError, NonFiniteError } from "@neural-nmf/tensor";
import { ParseError } from "@neural-nmf/text";
import { TrainingError } from "neural-nmf";

/** Exit code of a bad command line (unknown option, bad value, missing argument). */
export const EXIT_USAGE = 2;
/** Exit code of every other failure (unreadable file, malformed data, training failure). */
export const EXIT_FAILURE = 1;

/**
 * A bad command line: unknown command or option, a missing or malformed value. The CLI prints its
 * message as one line and exits with code 2.
 */
export class UsageError extends Error {
  /** The command the error belongs to (`"fit"`, ...), to point at its `--help`; or undefined. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}

/**
 * A failure that is not the command line's fault but is expected and explained: a missing file,
 * malformed data, a model that does not fit the data. Printed as one line; exit code 1.
 */
export class CliError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
  }
}

/** What the CLI prints and returns for an error: one line and an exit code. */
export interface ErrorReport {
  /** The message, without the `neural-nmf: error:` prefix, on a single line. */
  readonly message: string;
  /** 2 for usage errors, 1 otherwise. */
  readonly exitCode: number;
}

/**
 * Turns anything thrown into one line and an exit code, never a stack trace (set
 * `NEURAL_NMF_DEBUG=1` for the stack). Library errors (every `NeuralNmfError`) that no command
 * translated with {@link withErrorContext} are named after the user's input through
 * {@link libraryError}, without file names; anything else is reported as an internal error.
 */
export function reportError(error: unknown): ErrorReport {
  if (error instanceof NeuralNmfError) return reportError(libraryError(error, {}));
  if (error instanceof UsageError) {
    const hint =
      error.command === undefined ? "neural-nmf --help" : `neural-nmf ${error.command} --help`;
    return { message: `${oneLine(error.message)} (see '${hint}')`, exitCode: EXIT_USAGE };
  }
  if (error instanceof CliError) {
    return { message: oneLine(error.message), exitCode: EXIT_FAILURE };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("E") && error instanceof Error) {
    // A system error that no reader wrapped (e.g. writing to a full disk).
    return { message: oneLine(error.message), exitCode: EXIT_FAILURE };
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { message: `internal error: ${oneLine(text)}`, exitCode: EXIT_FAILURE };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

const SYSTEM_MESSAGES: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "a component of the path is not a directory",
  EMFILE: "too many open files",
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
};

/**
 * Wraps a file-system error in a {@link CliError} that names the file and what was being done:
 * `cannot read labels file 'l.txt': no such file or directory`.
 */
export function fileError(error: unknown, action: string, path: string): CliError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    typeof code === "string" && code in SYSTEM_MESSAGES
      ? SYSTEM_MESSAGES[code]
      : error instanceof Error
        ? error.message
        : String(error);
  return new CliError(`cannot ${action} '${path}': ${reason}`);
}

/**
 * What an internal argument name of the library stands for on the command line: a flag, the data
 * input, the labels or the known columns. See {@link ARGUMENT_TARGETS}.
 */
export type ArgumentTarget =
  | { readonly kind: "flag"; readonly flag: string }
  | { readonly kind: "data"; readonly nonFiniteOnly?: boolean }
  | { readonly kind: "labels" }
  | { readonly kind: "known" };

const flag = (name: string): ArgumentTarget => ({ kind: "flag", flag: name });

/**
 * The library's argument names (`error.argument` of a `NeuralNmfError`) that the user can act
 * on, and what they are on the command line. `a` and `values` are the data only in a
 * `NonFiniteError` (a non-finite number computed from the data); in any other error they are an
 * internal function's arguments, reported as internal. Every other name is internal.
 */
export const ARGUMENT_TARGETS: Readonly<Record<string, ArgumentTarget>> = Object.freeze({
  X: { kind: "data" },
  x: { kind: "data" },
  data: { kind: "data" },
  documents: { kind: "data" },
  a: { kind: "data", nonFiniteOnly: true },
  values: { kind: "data", nonFiniteOnly: true },
  labels: { kind: "labels" },
  supervision: { kind: "labels" },
  classes: { kind: "labels" },
  known: { kind: "known" },
  fitOn: { kind: "known" },
  ranks: flag("ranks"),
  seed: flag("seed"),
  init: flag("init"),
  optimizer: flag("optimizer"),
  learningRate: flag("lr"),
  maxEpochs: flag("epochs"),
  timeBudgetMs: flag("time-budget"),
  tolerance: flag("tolerance"),
  threads: flag("threads"),
  batchSize: flag("batch-size"),
  minDf: flag("min-df"),
  maxDf: flag("max-df"),
  maxFeatures: flag("max-features"),
});

/** What the user gave a command, so that library errors can be named after it. */
export interface ErrorContext {
  /** The command (`"fit"`, ...), for usage errors and its `--help` hint. */
  readonly command?: string;
  /** The command's options: a flag target counts only when the command has that flag. */
  readonly options?: readonly string[];
  /** The data input as the user named it: `x.mtx`, `docs`, or a description. */
  readonly input?: string;
  /** The `--labels` file; without it, labels come from the input (JSON lines). */
  readonly labels?: string;
  /** The `--known` file. */
  readonly known?: string;
  /** The command-line value of the flags, by long name, quoted back in messages. */
  readonly flags?: Readonly<Record<string, string | undefined>>;
  /**
   * The step that failed, e.g. `cannot vectorise 'docs'`: errors about flags then become
   * {@link CliError}s under this heading (the flag was valid; the data made it fail).
   */
  readonly step?: string;
}

/**
 * Runs `f`, turning any `NeuralNmfError` it throws into a {@link UsageError} or
 * {@link CliError} named after the user's input (see {@link libraryError}).
 */
export function withErrorContext<T>(context: ErrorContext, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof NeuralNmfError) throw libraryError(error, context);
    throw error;
  }
}

/**
 * Names a library error after what the user gave, from its class and `error.argument` (see
 * {@link ARGUMENT_TARGETS}), never by matching its wording:
 *
 * - a flag's argument (`learningRate`) → a {@link UsageError} naming the flag and its value:
 *   `fit: --lr '1e309' is refused: ...`, or under `context.step` a {@link CliError};
 * - the data (`X`, or `a` in a `NonFiniteError`) → `the input 'x.mtx' is refused: ...`, or for
 *   a non-finite value `the data in 'x.mtx' produced a non-finite value (internal: svd, a); check
 *   for values near ±1e308`;
 * - the labels / known columns → `labels file 'l.txt': ...` / `known-columns file 'k.txt': ...`;
 * - a `TrainingError` (the loss became non-finite) → the epoch and what to try;
 * - a `ParseError` → `<input>: line N: <detail>`;
 * - anything else is internal: it says so, with the function and argument in parentheses, so an
 *   internal name is never presented as the user's.
 *
 * Option names quoted in backticks inside the library's text are replaced by the user's flags.
 */
export function libraryError(error: NeuralNmfError, context: ErrorContext): UsageError | CliError {
  const { where, detail } = splitMessage(error.message);
  const input = context.input;
  const theData = input === undefined ? "the data" : `the data in '${input}'`;
  const internal = `internal: ${where === "" ? "" : `${where}, `}${error.argument ?? "no argument"}`;
  const nonFinite = () =>
    new CliError(
      `${theData} produced a non-finite value (${internal}); check for values near ±1e308, or rescale the data`,
    );
  if (error instanceof ParseError) {
    return new CliError(`${input ?? "input"}: line ${error.line}: ${error.detail}`);
  }
  const text = renameArguments(detail, context);
  if (error instanceof TrainingError) {
    const optimizer = context.flags?.optimizer;
    const hint =
      optimizer === "adam" || optimizer === "pgd"
        ? "lower --lr, or use --optimizer spg"
        : `check ${input === undefined ? "the data" : `'${input}'`} for values near ±1e308`;
    const when =
      error.epoch > 0 ? `at epoch ${error.epoch}` : "before the first epoch (the initial loss)";
    return new CliError(
      `training failed ${when}: the loss became non-finite (${internal}); ${hint}`,
    );
  }
  const target = targetOf(error, context);
  switch (target?.kind) {
    case "flag": {
      if (context.step !== undefined) return new CliError(`${context.step}: ${text}`);
      const value = context.flags?.[target.flag];
      const quoted = value === undefined ? "" : ` '${value}'`;
      const command = context.command;
      return new UsageError(
        `${command === undefined ? "" : `${command}: `}--${target.flag}${quoted} is refused: ${text}`,
        command,
      );
    }
    case "data":
      if (error instanceof NonFiniteError) return nonFinite();
      if (context.step !== undefined) return new CliError(`${context.step}: ${text}`);
      return new CliError(
        `${input === undefined ? "the input" : `the input '${input}'`} is refused: ${text}`,
      );
    case "labels": {
      const source =
        context.labels !== undefined
          ? `labels file '${context.labels}'`
          : input === undefined
            ? "the labels"
            : `the labels in '${input}'`;
      return new CliError(`${source}: ${text}`);
    }
    case "known":
      return new CliError(
        `${context.known === undefined ? "the known columns" : `known-columns file '${context.known}'`}: ${text}`,
      );
    default:
      if (error instanceof NonFiniteError) return nonFinite();
      return new CliError(
        `could not process ${input === undefined ? "the input" : `'${input}'`} (${internal}: ${detail}); this is a bug, please report it with the output of NEURAL_NMF_DEBUG=1`,
      );
  }
}

/** The target of an error's argument, when the user can act on it in this command. */
function targetOf(error: NeuralNmfError, context: ErrorContext): ArgumentTarget | undefined {
  const name = error.argument;
  if (name === undefined || !Object.hasOwn(ARGUMENT_TARGETS, name)) return undefined;
  const target = ARGUMENT_TARGETS[name] as ArgumentTarget;
  if (target.kind === "flag" && context.options !== undefined) {
    return context.options.includes(target.flag) ? target : undefined;
  }
  if (target.kind === "data" && target.nonFiniteOnly && !(error instanceof NonFiniteError)) {
    return undefined;
  }
  return target;
}

/** `"fit: option ..."` → where `fit`, detail `option ...`; no prefix → where `""`. */
function splitMessage(message: string): { where: string; detail: string } {
  const text = oneLine(message);
  const colon = text.indexOf(": ");
  const head = colon < 0 ? "" : text.slice(0, colon);
  if (colon < 0 || !/^[A-Za-z_$][\w$.#]*$/.test(head)) return { where: "", detail: text };
  return { where: head, detail: text.slice(colon + 2) };
}

/** Replaces `` `learningRate` `` and the like in a library message by what the user wrote. */
function renameArguments(text: string, context: ErrorContext): string {
  return text.replace(/`([A-Za-z_$][\w$.]*)`/g, (whole, name: string) => {
    if (!Object.hasOwn(ARGUMENT_TARGETS, name)) return whole;
    const target = ARGUMENT_TARGETS[name] as ArgumentTarget;
    switch (target.kind) {
      case "flag":
        return context.options === undefined || context.options.includes(target.flag)
          ? `--${target.flag}`
          : whole;
      case "data":
        return "the data";
      case "labels":
        return "the labels";
      case "known":
        return "the known columns";
    }
  });
}
