import { ArgumentTypeError, ValueError } from "@neural-nmf/tensor";
import { describeValue } from "./validate.js";

/** How term counts become matrix values. */
export type Weighting = "tf" | "tfidf";

/** Per-document normalisation of the weighted counts. */
export type Norm = "l2" | "l1" | "none";

/**
 * Inverse document frequencies as scikit-learn's `TfidfTransformer`:
 * `idf = ln((1 + n) / (1 + df)) + 1` with smoothing (the default), `ln(n / df) + 1` without.
 * Smoothing acts as if one extra document held every term once, which keeps the idf finite for
 * terms absent from the fitted corpus and makes terms present in every document still count
 * (their idf is 1, not 0).
 *
 * @param documentFrequency - documents holding each term: integers from 0 (1 without
 *   smoothing, where 0 would give an infinite idf) to `documentCount`.
 * @param documentCount - number of documents, a positive integer.
 * @param smooth - whether to smooth (a boolean; `undefined` is refused, not read as false).
 * @throws ArgumentTypeError / ValueError (from `@neural-nmf/tensor`) naming the bad argument.
 */
export function inverseDocumentFrequency(
  documentFrequency: ArrayLike<number>,
  documentCount: number,
  smooth: boolean,
): Float64Array {
  const where = "inverseDocumentFrequency";
  if (
    documentFrequency === null ||
    typeof documentFrequency !== "object" ||
    typeof (documentFrequency as { length?: unknown }).length !== "number"
  ) {
    throw new ArgumentTypeError(
      `${where}: argument \`documentFrequency\` must be an array of counts, got ${describeValue(documentFrequency)}`,
      "documentFrequency",
    );
  }
  if (typeof documentCount !== "number") {
    throw new ArgumentTypeError(
      `${where}: argument \`documentCount\` must be a number, got ${describeValue(documentCount)}`,
      "documentCount",
    );
  }
  if (!Number.isSafeInteger(documentCount) || documentCount < 1) {
    throw new ValueError(
      `${where}: argument \`documentCount\` must be a positive integer, got ${documentCount}`,
      "documentCount",
    );
  }
  if (typeof smooth !== "boolean") {
    throw new ArgumentTypeError(
      `${where}: argument \`smooth\` must be a boolean, got ${describeValue(smooth)}`,
      "smooth",
    );
  }
  const s = smooth ? 1 : 0;
  const idf = new Float64Array(documentFrequency.length);
  for (let t = 0; t < idf.length; t++) {
    const df = documentFrequency[t];
    if (typeof df !== "number" || !Number.isInteger(df) || df < 1 - s || df > documentCount) {
      throw new ValueError(
        `${where}: documentFrequency[${t}] is ${describeValue(df)}, expected an integer from ${1 - s} to documentCount (${documentCount})`,
        "documentFrequency",
      );
    }
    idf[t] = Math.log((documentCount + s) / (df + s)) + 1;
  }
  return idf;
}

/** Settings of {@link weightColumn}. */
export interface ColumnWeighting {
  /** Multiply by these per-row factors (the idf), or not at all. */
  readonly idf: Float64Array | null;
  /** Replace a count c by `1 + ln c`, damping repeated words. */
  readonly sublinearTf: boolean;
  /** Scale the column to unit l2 or l1 norm, or leave it. */
  readonly norm: Norm;
}

/**
 * Turns the raw counts `values[start..end)` of one document (rows `rows[start..end)`) into its
 * weighted, normalised column, in place. An all-zero column stays zero rather than becoming NaN.
 */
export function weightColumn(
  values: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  w: ColumnWeighting,
): void {
  for (let p = start; p < end; p++) {
    let v = values[p] as number;
    if (w.sublinearTf) v = Math.log(v) + 1;
    if (w.idf !== null) v *= w.idf[rows[p] as number] as number;
    values[p] = v;
  }
  if (w.norm === "none") return;
  let norm = 0;
  if (w.norm === "l2") {
    for (let p = start; p < end; p++) norm += (values[p] as number) ** 2;
    norm = Math.sqrt(norm);
  } else {
    for (let p = start; p < end; p++) norm += Math.abs(values[p] as number);
  }
  if (norm === 0) return;
  for (let p = start; p < end; p++) values[p] = (values[p] as number) / norm;
}
