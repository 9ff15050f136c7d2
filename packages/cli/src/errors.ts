import { NeuralNmfError } from "@neural-nmf/tensor";

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
  constructor(message: string) {
    super(message);
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
 * Turns anything thrown into one line and an exit code. Library errors (every
 * `NeuralNmfError`) are already written for users and are shown as they are; anything else is
 * reported as an internal error, still on one line (set `NEURAL_NMF_DEBUG=1` for the stack).
 */
export function reportError(error: unknown): ErrorReport {
  if (error instanceof UsageError) {
    const hint =
      error.command === undefined ? "neural-nmf --help" : `neural-nmf ${error.command} --help`;
    return { message: `${oneLine(error.message)} (see '${hint}')`, exitCode: EXIT_USAGE };
  }
  if (error instanceof CliError || error instanceof NeuralNmfError) {
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
