import { ArgumentTypeError, type CscMatrix, type Tensor } from "@neural-nmf/tensor";
import { describeValue } from "../validate.js";
import { matrixMarketReader } from "./reader.js";

const WHERE = "parseMatrixMarket";

/**
 * Parses the text of a Matrix Market file.
 *
 * - `array` files give a dense {@link Tensor}. Their values are listed **column by column**; the
 *   tensor is row-major, so the order is converted here.
 * - `coordinate` files give a {@link CscMatrix}: 1-based `row column value` lines (`row column`
 *   for `pattern`, whose entries are 1). Repeated positions are summed and explicit zeros dropped,
 *   as in `CscMatrix.fromTriplets`.
 * - `symmetric` files (square, lower triangle stored) are expanded to the full matrix.
 *
 * Fields `real`, `integer` and `pattern` are supported; `complex`, `hermitian` and
 * `skew-symmetric` are refused. Comment lines (`%`) and blank lines may appear after the banner.
 *
 * This is `createMatrixMarketReader` fed the whole text, with the size line also checked
 * against the number of lines; for large files, feed the reader line by line instead of building
 * the text. Sizes are limited as the reader documents (`MAX_MATRIX_MARKET_DIMENSION`,
 * `MAX_MATRIX_MARKET_COLUMNS`, `MAX_MATRIX_MARKET_ENTRIES`).
 *
 * @throws {@link ParseError} with the 1-based line number of the first problem.
 */
export function parseMatrixMarket(text: string): Tensor | CscMatrix {
  if (typeof text !== "string") {
    throw new ArgumentTypeError(
      `${WHERE}: argument \`text\` must be a string, got ${describeValue(text)}`,
      "text",
    );
  }
  const reader = matrixMarketReader(WHERE, lineCount(text));
  reader.write(text);
  return reader.finish();
}

/** Lines of `text` split at `\n`, not counting the empty piece after a final line break. */
function lineCount(text: string): number {
  let breaks = 0;
  for (let p = text.indexOf("\n"); p >= 0; p = text.indexOf("\n", p + 1)) breaks++;
  return text.endsWith("\n") ? breaks : breaks + 1;
}
