import { ArgumentTypeError, NeuralNmfError } from "@neural-nmf/tensor";

/**
 * Text that does not follow the expected format (a malformed Matrix Market file, ...).
 *
 * The 1-based line number is kept as a field as well as in the message, and so are the parser's
 * name and the description of the problem, so an editor or a CLI can point at the offending line
 * and word its own message without parsing this one.
 */
export class ParseError extends NeuralNmfError {
  /** 1-based line number of the problem in the parsed text. */
  readonly line: number;
  /** The function that parsed, e.g. `"parseMatrixMarket"` (the start of the message). */
  readonly where: string;
  /** What is wrong on that line (the end of the message), e.g. `row index 3 is out of range 1..2`. */
  readonly detail: string;
  /**
   * @param where - the function that parsed, e.g. `"parseMatrixMarket"`.
   * @param line - 1-based line number of the problem.
   * @param detail - what is wrong on that line.
   * @param argument - name of the argument that held the text.
   * @throws ArgumentTypeError (from `@neural-nmf/tensor`) when `where` or `detail` is not a
   *   string or `line` is not a positive integer: a malformed error would hide the real one.
   */
  constructor(where: string, line: number, detail: string, argument = "text") {
    if (typeof where !== "string") {
      throw new ArgumentTypeError("ParseError: argument `where` must be a string", "where");
    }
    if (typeof line !== "number" || !Number.isSafeInteger(line) || line < 1) {
      throw new ArgumentTypeError(
        `ParseError: argument \`line\` must be a positive integer, got ${String(line)}`,
        "line",
      );
    }
    if (typeof detail !== "string") {
      throw new ArgumentTypeError("ParseError: argument `detail` must be a string", "detail");
    }
    if (typeof argument !== "string") {
      throw new ArgumentTypeError("ParseError: argument `argument` must be a string", "argument");
    }
    super(`${where}: line ${line}: ${detail}`, argument);
    this.line = line;
    this.where = where;
    this.detail = detail;
  }
}
