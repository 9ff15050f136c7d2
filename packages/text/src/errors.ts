import { NeuralNmfError } from "@neural-nmf/tensor";

/**
 * Text that does not follow the expected format (a malformed Matrix Market file, ...).
 *
 * The 1-based line number is kept as a field as well as in the message, so an editor or a CLI can
 * point at the offending line without parsing the message.
 */
export class ParseError extends NeuralNmfError {
  /** 1-based line number of the problem in the parsed text. */
  readonly line: number;
  /**
   * @param where - the function that parsed, e.g. `"parseMatrixMarket"`.
   * @param line - 1-based line number of the problem.
   * @param detail - what is wrong on that line.
   * @param argument - name of the argument that held the text.
   */
  constructor(where: string, line: number, detail: string, argument = "text") {
    super(`${where}: line ${line}: ${detail}`, argument);
    this.line = line;
  }
}
