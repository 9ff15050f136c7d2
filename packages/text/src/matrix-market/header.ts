/**
 * The banner line of a Matrix Market file, `%%MatrixMarket matrix <format> <field> <symmetry>`,
 * restricted to the real-valued matrices this project uses.
 */

/** `array` is dense (values listed column by column), `coordinate` is sparse (`i j value`). */
export type MatrixMarketFormat = "array" | "coordinate";

/** Type of the values; `pattern` (coordinate only) lists positions without values (all ones). */
export type MatrixMarketField = "real" | "integer" | "pattern";

/** `symmetric` files store only the lower triangle (row ≥ column) of a square matrix. */
export type MatrixMarketSymmetry = "general" | "symmetric";

/** The parsed banner. */
export interface MatrixMarketHeader {
  /** Dense or sparse layout. */
  readonly format: MatrixMarketFormat;
  /** Value type. */
  readonly field: MatrixMarketField;
  /** Whether only the lower triangle is stored. */
  readonly symmetry: MatrixMarketSymmetry;
}

/** The banner keyword; readers compare it case-insensitively, as the reference C code does. */
export const BANNER = "%%MatrixMarket";

/** The banner line for `header`. */
export function formatBanner(header: MatrixMarketHeader): string {
  return `${BANNER} matrix ${header.format} ${header.field} ${header.symmetry}`;
}
