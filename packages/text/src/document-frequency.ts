import { ArgumentTypeError, ValueError } from "@neural-nmf/tensor";
import { describeValue } from "./validate.js";

/**
 * A bound on the number of documents a term occurs in, as scikit-learn's `min_df` / `max_df`:
 *
 * - an integer is a count of documents (`2` = "in at least / at most 2 documents");
 * - a fraction strictly between 0 and 1 is a proportion of the documents (`0.95`);
 * - `{ proportion: p }` with `0 ≤ p ≤ 1` is a proportion too. It exists because JavaScript has no
 *   separate float type: scikit-learn's `max_df=1.0` ("all documents") and `max_df=1` ("one
 *   document") are the same number here, so `1` means one document and 100 % is written
 *   `{ proportion: 1 }` (the default of `maxDf`).
 */
export type DocumentFrequency = number | { readonly proportion: number };

/** A checked {@link DocumentFrequency}. */
export type DocumentFrequencyBound =
  | { readonly kind: "count"; readonly value: number }
  | { readonly kind: "proportion"; readonly value: number };

/**
 * Checks a document-frequency option.
 * @throws ArgumentTypeError / ValueError naming `option`.
 */
export function resolveDocumentFrequency(
  value: unknown,
  where: string,
  option: string,
): DocumentFrequencyBound {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0) return { kind: "count", value };
    if (value > 0 && value < 1) return { kind: "proportion", value };
    throw new ValueError(
      `${where}: option \`${option}\` must be a document count (integer ≥ 0) or a proportion in (0, 1), got ${value}`,
      option,
    );
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const p = (value as { proportion?: unknown }).proportion;
    if (typeof p === "number" && p >= 0 && p <= 1) return { kind: "proportion", value: p };
    throw new ValueError(
      `${where}: option \`${option}\` as an object must be { proportion: p } with 0 ≤ p ≤ 1, got proportion ${describeValue(p)}`,
      option,
    );
  }
  throw new ArgumentTypeError(
    `${where}: option \`${option}\` must be a number or { proportion }, got ${describeValue(value)}`,
    option,
  );
}

/** The option as the user would write it again (for serialisation). */
export function documentFrequencyToOption(bound: DocumentFrequencyBound): DocumentFrequency {
  if (bound.kind === "count") return bound.value;
  return bound.value > 0 && bound.value < 1 ? bound.value : { proportion: bound.value };
}

/**
 * The bound in documents for a corpus of `documentCount` documents. Proportions are not rounded,
 * as in scikit-learn (`max_df * n_doc`), so 0.5 of 5 documents admits terms in at most 2 of them.
 */
export function documentFrequencyLimit(
  bound: DocumentFrequencyBound,
  documentCount: number,
): number {
  return bound.kind === "count" ? bound.value : bound.value * documentCount;
}

/**
 * Refuses bounds that cannot both hold (`minDf` above `maxDf`). Before fitting only bounds of the
 * same kind can be compared; the vectoriser calls it again with the document count.
 * @throws ValueError naming `minDf`.
 */
export function checkDocumentFrequencyRange(
  min: DocumentFrequencyBound,
  max: DocumentFrequencyBound,
  where: string,
  documentCount?: number,
): void {
  let lo: number;
  let hi: number;
  if (documentCount !== undefined) {
    lo = documentFrequencyLimit(min, documentCount);
    hi = documentFrequencyLimit(max, documentCount);
  } else if (min.kind === max.kind) {
    lo = min.value;
    hi = max.value;
  } else {
    return;
  }
  if (hi < lo) {
    const n = documentCount === undefined ? "" : ` for ${documentCount} documents`;
    throw new ValueError(
      `${where}: option \`minDf\` (${describe(min, lo)}) exceeds option \`maxDf\` (${describe(max, hi)})${n}; no term can satisfy both`,
      "minDf",
    );
  }
}

function describe(bound: DocumentFrequencyBound, limit: number): string {
  if (bound.kind === "count") return `${bound.value} documents`;
  return limit === bound.value
    ? `proportion ${bound.value}`
    : `proportion ${bound.value} = ${limit} documents`;
}
