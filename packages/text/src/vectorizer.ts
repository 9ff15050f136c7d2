import { ArgumentTypeError, CscMatrix, NotFittedError, ValueError } from "@neural-nmf/tensor";
import { compareCodePoints } from "./code-point-order.js";
import {
  checkDocumentFrequencyRange,
  type DocumentFrequency,
  type DocumentFrequencyBound,
  documentFrequencyLimit,
  documentFrequencyToOption,
  resolveDocumentFrequency,
} from "./document-frequency.js";
import {
  type ResolvedTokenizerOptions,
  resolveTokenizerOptions,
  type Tokenizer,
  type TokenizerOptions,
  tokenizerFromResolved,
} from "./tokenizer.js";
import {
  describeValue,
  expectBoolean,
  expectInteger,
  expectKnownKeys,
  expectOneOf,
  expectOptionsObject,
} from "./validate.js";
import { selectVocabulary } from "./vocabulary.js";
import {
  type ColumnWeighting,
  inverseDocumentFrequency,
  type Norm,
  type Weighting,
  weightColumn,
} from "./weighting.js";

/** Options of {@link TextVectorizer}: the tokeniser's, plus vocabulary and weighting rules. */
export interface TextVectorizerOptions extends TokenizerOptions {
  /**
   * `"tfidf"` (default) multiplies counts by the idf, as scikit-learn's `TfidfVectorizer`;
   * `"tf"` keeps term counts, as `CountVectorizer` (or `TfidfVectorizer(use_idf=False)` with a norm).
   */
  weighting?: Weighting;
  /** Drop terms in fewer documents than this (default 1). See {@link DocumentFrequency}. */
  minDf?: DocumentFrequency;
  /** Drop terms in more documents than this (default `{ proportion: 1 }`, i.e. keep all). */
  maxDf?: DocumentFrequency;
  /** Keep only the most frequent terms over the corpus (default `null`: all). */
  maxFeatures?: number | null;
  /** Per-document normalisation (default `"l2"` for tf-idf, `"none"` for tf). */
  norm?: Norm;
  /** Add one to document counts in the idf, as if one document held every term (default `true`). */
  smoothIdf?: boolean;
  /** Use `1 + ln(count)` instead of the count (default `false`). */
  sublinearTf?: boolean;
}

/** Vectoriser options with every default filled in; plain JSON data. */
export interface ResolvedTextVectorizerOptions extends ResolvedTokenizerOptions {
  /** See {@link TextVectorizerOptions.weighting}. */
  readonly weighting: Weighting;
  /** See {@link TextVectorizerOptions.minDf}. */
  readonly minDf: DocumentFrequency;
  /** See {@link TextVectorizerOptions.maxDf}. */
  readonly maxDf: DocumentFrequency;
  /** See {@link TextVectorizerOptions.maxFeatures}. */
  readonly maxFeatures: number | null;
  /** See {@link TextVectorizerOptions.norm}. */
  readonly norm: Norm;
  /** See {@link TextVectorizerOptions.smoothIdf}. */
  readonly smoothIdf: boolean;
  /** See {@link TextVectorizerOptions.sublinearTf}. */
  readonly sublinearTf: boolean;
}

/**
 * A corpus as a sparse **words × documents** matrix: column j is document j, row i is
 * `vocabulary[i]`. Neural NMF factorises X ≈ A S with documents as columns, so the matrix is
 * ready to use without a transpose (scikit-learn returns the documents × words transpose).
 */
export interface TermDocumentMatrix {
  /** Weighted counts, `vocabulary.length` × number of documents. */
  readonly matrix: CscMatrix;
  /** Row labels, sorted by code point. */
  readonly vocabulary: readonly string[];
  /** Idf of each row, or `null` for `weighting: "tf"`. */
  readonly idf: Float64Array | null;
}

/**
 * Options of {@link TextVectorizer.fit}, {@link TextVectorizer.fitTransform} and
 * {@link TextVectorizer.transform}.
 */
export interface VectorizeOptions {
  /**
   * Called with the number of documents tokenised so far and the total, every
   * {@link VECTORIZE_PROGRESS_INTERVAL} documents and once when all are done, e.g. to show a
   * progress bar. It is not called for fewer documents than the interval except at the end.
   */
  onProgress?: (done: number, total: number) => void;
}

/** Documents between two `onProgress` calls of the vectoriser (see {@link VectorizeOptions}). */
export const VECTORIZE_PROGRESS_INTERVAL = 1000;

/** Fitted state of a {@link TextVectorizer}, as stored by `toJSON`. */
export interface TextVectorizerState {
  /** Terms, sorted by code point. */
  readonly vocabulary: string[];
  /** Number of fitted documents containing each term. */
  readonly documentFrequency: number[];
  /** Number of fitted documents. */
  readonly documentCount: number;
}

/** The JSON form of a {@link TextVectorizer} (`JSON.stringify(vectorizer)` produces it). */
export interface TextVectorizerJSON {
  /** Identifies the payload. */
  readonly format: typeof JSON_FORMAT;
  /** Layout version of the payload. */
  readonly version: 1;
  /** All options, defaults filled in. */
  readonly options: ResolvedTextVectorizerOptions;
  /** The fitted state, or `null` when the vectoriser was never fitted. */
  readonly state: TextVectorizerState | null;
}

const JSON_FORMAT = "neural-nmf/text-vectorizer";
const WEIGHTINGS: readonly Weighting[] = ["tf", "tfidf"];
const NORMS: readonly Norm[] = ["l2", "l1", "none"];
const VECTORIZER_KEYS = [
  "weighting",
  "minDf",
  "maxDf",
  "maxFeatures",
  "norm",
  "smoothIdf",
  "sublinearTf",
] as const;

interface Fitted {
  readonly vocabulary: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly documentFrequency: Int32Array;
  readonly documentCount: number;
  readonly idf: Float64Array | null;
}

/** Term counts of one document: unique term ids in increasing order and their counts. */
interface CountedDocument {
  readonly ids: Int32Array;
  readonly counts: Float64Array;
}

/**
 * Turns documents into a sparse words × documents matrix of term counts or tf-idf weights,
 * matching scikit-learn's `CountVectorizer` / `TfidfVectorizer` given the same tokens (see the
 * package README for the equivalent scikit-learn configuration).
 *
 * @example
 * ```ts
 * const v = new TextVectorizer({ stopWords: "english", minDf: 2, maxDf: 0.95 });
 * const { matrix, vocabulary, idf } = v.fitTransform(documents);
 * const more = v.transform(newDocuments); // same rows; unknown words are ignored
 * ```
 */
export class TextVectorizer {
  /** The options in effect, defaults filled in. */
  readonly options: ResolvedTextVectorizerOptions;
  readonly #minDf: DocumentFrequencyBound;
  readonly #maxDf: DocumentFrequencyBound;
  readonly #tokenizer: Tokenizer;
  #fitted: Fitted | null = null;

  /**
   * @throws ArgumentTypeError / ValueError (from `@neural-nmf/tensor`) naming a bad option, e.g.
   *   `minDf` above `maxDf`.
   */
  constructor(options?: TextVectorizerOptions) {
    const where = "TextVectorizer";
    const tok = resolveTokenizerOptions(options, where, VECTORIZER_KEYS);
    const o = (options ?? {}) as Record<string, unknown>;
    const weighting = expectOneOf(o.weighting, WEIGHTINGS, "tfidf", where, "weighting");
    // Only `undefined` means "the default": a null bound is refused, not read as absent.
    this.#minDf = resolveDocumentFrequency(o.minDf === undefined ? 1 : o.minDf, where, "minDf");
    this.#maxDf = resolveDocumentFrequency(
      o.maxDf === undefined ? { proportion: 1 } : o.maxDf,
      where,
      "maxDf",
    );
    checkDocumentFrequencyRange(this.#minDf, this.#maxDf, where);
    const maxFeatures =
      o.maxFeatures === undefined || o.maxFeatures === null
        ? null
        : expectInteger(o.maxFeatures, 1, 1, where, "maxFeatures");
    this.options = Object.freeze({
      ...tok,
      weighting,
      minDf: documentFrequencyToOption(this.#minDf),
      maxDf: documentFrequencyToOption(this.#maxDf),
      maxFeatures,
      norm: expectOneOf(o.norm, NORMS, weighting === "tfidf" ? "l2" : "none", where, "norm"),
      smoothIdf: expectBoolean(o.smoothIdf, true, where, "smoothIdf"),
      sublinearTf: expectBoolean(o.sublinearTf, false, where, "sublinearTf"),
    });
    this.#tokenizer = tokenizerFromResolved(tok);
  }

  /** Whether `fit` (or `fitTransform`, or `fromJSON` with a state) has run. */
  get isFitted(): boolean {
    return this.#fitted !== null;
  }

  /** The fitted terms, sorted by code point; row i of every matrix is `vocabulary[i]`. */
  get vocabulary(): readonly string[] {
    return this.#state("vocabulary").vocabulary;
  }

  /** Idf of each vocabulary term (a copy), or `null` for `weighting: "tf"`. */
  get idf(): Float64Array | null {
    return this.#state("idf").idf?.slice() ?? null;
  }

  /** Number of fitted documents containing each vocabulary term (a copy). */
  get documentFrequency(): Int32Array {
    return this.#state("documentFrequency").documentFrequency.slice();
  }

  /** Number of documents the vectoriser was fitted on. */
  get documentCount(): number {
    return this.#state("documentCount").documentCount;
  }

  /**
   * Row of `term` in the matrices, or -1 when it is not in the vocabulary.
   * @throws ArgumentTypeError when `term` is not a string (it could never be found, and -1 would
   *   hide the mistake); ValueError before `fit`.
   */
  indexOf(term: string): number {
    const fitted = this.#state("indexOf");
    if (typeof term !== "string") {
      throw new ArgumentTypeError(
        `TextVectorizer.indexOf: argument \`term\` must be a string, got ${describeValue(term)}`,
        "term",
      );
    }
    return fitted.index.get(term) ?? -1;
  }

  /** The tokens this vectoriser counts in `text` (before the vocabulary filter). */
  tokenize(text: string): string[] {
    if (typeof text !== "string") {
      throw new ArgumentTypeError(
        `TextVectorizer.tokenize: argument \`text\` must be a string, got ${describeValue(text)}`,
        "text",
      );
    }
    return this.#tokenizer(text);
  }

  /**
   * Learns the vocabulary (and the idf) from `documents`, replacing any previous fit.
   * @param options - `onProgress` reports documents tokenised (see {@link VectorizeOptions}).
   * @throws ArgumentTypeError when `documents` is not an array of strings; ValueError when it is
   *   empty, holds no token at all, or when `minDf`/`maxDf` leave no term.
   */
  fit(documents: readonly string[], options?: VectorizeOptions): this {
    this.#fit(documents, "fit", progressOf(options, "TextVectorizer.fit"));
    return this;
  }

  /**
   * `fit(documents)` then `transform(documents)`, tokenising each document only once.
   * @param options - `onProgress` reports documents tokenised (see {@link VectorizeOptions}).
   */
  fitTransform(documents: readonly string[], options?: VectorizeOptions): TermDocumentMatrix {
    const onProgress = progressOf(options, "TextVectorizer.fitTransform");
    const { counted, oldToNew } = this.#fit(documents, "fitTransform", onProgress);
    const fitted = this.#fitted as Fitted;
    const scratch = new Float64Array(fitted.vocabulary.length);
    return this.#assemble(counted.length, undefined, (j, push) => {
      const doc = counted[j] as CountedDocument;
      const rows: number[] = [];
      for (let p = 0; p < doc.ids.length; p++) {
        const r = oldToNew[doc.ids[p] as number] as number;
        if (r < 0) continue;
        rows.push(r);
        scratch[r] = doc.counts[p] as number;
      }
      // Provisional ids follow first appearance, final ones the alphabet: re-sort per document.
      const sorted = Int32Array.from(rows).sort();
      const values = new Float64Array(sorted.length);
      for (let p = 0; p < sorted.length; p++) values[p] = scratch[sorted[p] as number] as number;
      push(sorted, values);
    });
  }

  /**
   * The words × documents matrix of `documents` over the fitted vocabulary. Words not in the
   * vocabulary are ignored; a document without known words is an all-zero column.
   * @param options - `onProgress` reports documents processed (see {@link VectorizeOptions}).
   * @throws ValueError before `fit`; ArgumentTypeError when `documents` is not an array of strings.
   */
  transform(documents: readonly string[], options?: VectorizeOptions): TermDocumentMatrix {
    const onProgress = progressOf(options, "TextVectorizer.transform");
    const fitted = this.#state("transform");
    checkDocuments(documents, "TextVectorizer.transform");
    return this.#assemble(documents.length, onProgress, (j, push) => {
      const ids: number[] = [];
      for (const token of this.#tokenizer(documents[j] as string)) {
        const r = fitted.index.get(token);
        if (r !== undefined) ids.push(r);
      }
      const doc = countIds(Int32Array.from(ids));
      push(doc.ids, doc.counts);
    });
  }

  /** The options and fitted state as plain JSON data (see {@link TextVectorizer.fromJSON}). */
  toJSON(): TextVectorizerJSON {
    const f = this.#fitted;
    return {
      format: JSON_FORMAT,
      version: 1,
      options: this.options,
      state:
        f === null
          ? null
          : {
              vocabulary: [...f.vocabulary],
              documentFrequency: Array.from(f.documentFrequency),
              documentCount: f.documentCount,
            },
    };
  }

  /**
   * Rebuilds a vectoriser from {@link TextVectorizer.toJSON}'s output (or its JSON text). The
   * idf is recomputed from the stored document frequencies, so it is bit-identical.
   * @throws ArgumentTypeError / ValueError naming the field that is missing or inconsistent.
   */
  static fromJSON(json: unknown): TextVectorizer {
    const where = "TextVectorizer.fromJSON";
    const data = typeof json === "string" ? parseJson(json, where) : json;
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new ArgumentTypeError(
        `${where}: expected an object, got ${describeValue(data)}`,
        "json",
      );
    }
    const d = data as Record<string, unknown>;
    if (d.format !== JSON_FORMAT || d.version !== 1) {
      throw new ValueError(
        `${where}: not a serialised TextVectorizer (format ${JSON.stringify(d.format)}, version ${JSON.stringify(d.version)})`,
        "format",
      );
    }
    const v = new TextVectorizer(d.options as TextVectorizerOptions);
    if (d.state !== null) v.#restore(d.state, where);
    return v;
  }

  #state(where: string): Fitted {
    if (this.#fitted === null) {
      throw new NotFittedError(
        `TextVectorizer.${where}: the vectoriser is not fitted; call fit() or fitTransform() first`,
      );
    }
    return this.#fitted;
  }

  #fit(
    documents: readonly string[],
    where: string,
    onProgress: Progress | undefined,
  ): { counted: CountedDocument[]; oldToNew: Int32Array } {
    const name = `TextVectorizer.${where}`;
    checkDocuments(documents, name);
    if (documents.length === 0) {
      throw new ValueError(`${name}: argument \`documents\` is empty`, "documents");
    }
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const counted: CountedDocument[] = [];
    const n = documents.length;
    for (let d = 0; d < n; d++) {
      const tokens = this.#tokenizer(documents[d] as string);
      const tokenIds = new Int32Array(tokens.length);
      for (let t = 0; t < tokens.length; t++) {
        const token = tokens[t] as string;
        let id = ids.get(token);
        if (id === undefined) {
          id = terms.length;
          ids.set(token, id);
          terms.push(token);
        }
        tokenIds[t] = id;
      }
      counted.push(countIds(tokenIds));
      if (onProgress !== undefined) report(onProgress, d + 1, n);
    }
    if (terms.length === 0) {
      throw new ValueError(
        `${name}: empty vocabulary; the documents hold no tokens (only numbers, punctuation or stop words?)`,
        "documents",
      );
    }
    const df = new Int32Array(terms.length);
    const total = new Float64Array(terms.length);
    for (const doc of counted) {
      for (let p = 0; p < doc.ids.length; p++) {
        const id = doc.ids[p] as number;
        df[id] = (df[id] as number) + 1;
        total[id] = (total[id] as number) + (doc.counts[p] as number);
      }
    }
    checkDocumentFrequencyRange(this.#minDf, this.#maxDf, name, n);
    const kept = selectVocabulary(terms, df, total, {
      minDocuments: documentFrequencyLimit(this.#minDf, n),
      maxDocuments: documentFrequencyLimit(this.#maxDf, n),
      maxFeatures: this.options.maxFeatures,
    });
    if (kept.length === 0) {
      throw new ValueError(
        `${name}: no term is left after pruning by document frequency; lower \`minDf\` or raise \`maxDf\``,
        "minDf",
      );
    }
    const oldToNew = new Int32Array(terms.length).fill(-1);
    kept.forEach((old, r) => {
      oldToNew[old] = r;
    });
    const vocabulary = kept.map((old) => terms[old] as string);
    const keptDf = Int32Array.from(kept, (old) => df[old] as number);
    this.#fitted = this.#makeFitted(vocabulary, keptDf, n);
    return { counted, oldToNew };
  }

  #makeFitted(vocabulary: string[], documentFrequency: Int32Array, documentCount: number): Fitted {
    const idf =
      this.options.weighting === "tfidf"
        ? inverseDocumentFrequency(documentFrequency, documentCount, this.options.smoothIdf)
        : null;
    return {
      vocabulary: Object.freeze(vocabulary),
      index: new Map(vocabulary.map((t, r) => [t, r])),
      documentFrequency,
      documentCount,
      idf,
    };
  }

  #restore(state: unknown, where: string): void {
    if (state === null || typeof state !== "object") {
      throw new ArgumentTypeError(`${where}: field \`state\` must be an object or null`, "state");
    }
    const s = state as Record<string, unknown>;
    const { vocabulary, documentFrequency, documentCount } = s;
    if (
      typeof documentCount !== "number" ||
      !Number.isInteger(documentCount) ||
      documentCount < 1
    ) {
      throw new ValueError(
        `${where}: field \`state.documentCount\` must be a positive integer`,
        "documentCount",
      );
    }
    if (!Array.isArray(vocabulary) || vocabulary.some((t) => typeof t !== "string")) {
      throw new ArgumentTypeError(
        `${where}: field \`state.vocabulary\` must be an array of strings`,
        "vocabulary",
      );
    }
    for (let r = 1; r < vocabulary.length; r++) {
      if (compareCodePoints(vocabulary[r - 1], vocabulary[r]) >= 0) {
        throw new ValueError(
          `${where}: field \`state.vocabulary\` must be sorted and without repeats (entry ${r})`,
          "vocabulary",
        );
      }
    }
    if (
      !Array.isArray(documentFrequency) ||
      documentFrequency.length !== vocabulary.length ||
      documentFrequency.some(
        (x) => typeof x !== "number" || !Number.isInteger(x) || x < 1 || x > documentCount,
      )
    ) {
      throw new ValueError(
        `${where}: field \`state.documentFrequency\` must hold one integer in [1, documentCount] per term`,
        "documentFrequency",
      );
    }
    this.#fitted = this.#makeFitted(
      [...vocabulary],
      Int32Array.from(documentFrequency),
      documentCount,
    );
  }

  /**
   * Builds the CSC matrix column by column; `fill(j, push)` pushes document j's sorted rows and
   * raw counts, which are then weighted in place.
   */
  #assemble(
    documentCount: number,
    onProgress: Progress | undefined,
    fill: (j: number, push: (rows: Int32Array, counts: Float64Array) => void) => void,
  ): TermDocumentMatrix {
    const fitted = this.#fitted as Fitted;
    const weighting: ColumnWeighting = {
      idf: fitted.idf,
      sublinearTf: this.options.sublinearTf,
      norm: this.options.norm,
    };
    const colPtr = new Int32Array(documentCount + 1);
    const rowChunks: Int32Array[] = [];
    const valueChunks: Float64Array[] = [];
    let nnz = 0;
    for (let j = 0; j < documentCount; j++) {
      fill(j, (rows, counts) => {
        weightColumn(counts, rows, 0, rows.length, weighting);
        rowChunks.push(rows);
        valueChunks.push(counts);
        nnz += rows.length;
      });
      colPtr[j + 1] = nnz;
      if (onProgress !== undefined) report(onProgress, j + 1, documentCount);
    }
    const rowIndices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    for (let j = 0; j < documentCount; j++) {
      rowIndices.set(rowChunks[j] as Int32Array, colPtr[j] as number);
      values.set(valueChunks[j] as Float64Array, colPtr[j] as number);
    }
    const matrix = new CscMatrix(
      fitted.vocabulary.length,
      documentCount,
      colPtr,
      rowIndices,
      values,
    );
    return { matrix, vocabulary: fitted.vocabulary, idf: fitted.idf?.slice() ?? null };
  }
}

type Progress = (done: number, total: number) => void;

function progressOf(options: unknown, where: string): Progress | undefined {
  const o = expectOptionsObject(options, where);
  expectKnownKeys(o, ["onProgress"], where);
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") {
    throw new ArgumentTypeError(
      `${where}: option \`onProgress\` must be a function, got ${describeValue(o.onProgress)}`,
      "onProgress",
    );
  }
  return o.onProgress as Progress | undefined;
}

function report(onProgress: Progress, done: number, total: number): void {
  if (done % VECTORIZE_PROGRESS_INTERVAL === 0 || done === total) onProgress(done, total);
}

/** Unique ids (increasing) and how often each occurs; sorts `ids` in place. */
function countIds(ids: Int32Array): CountedDocument {
  ids.sort();
  let unique = 0;
  for (let p = 0; p < ids.length; p++) if (p === 0 || ids[p] !== ids[p - 1]) unique++;
  const out = new Int32Array(unique);
  const counts = new Float64Array(unique);
  let q = -1;
  for (let p = 0; p < ids.length; p++) {
    if (p === 0 || ids[p] !== ids[p - 1]) out[++q] = ids[p] as number;
    counts[q] = (counts[q] as number) + 1;
  }
  return { ids: out, counts };
}

function checkDocuments(documents: unknown, where: string): asserts documents is string[] {
  if (!Array.isArray(documents)) {
    throw new ArgumentTypeError(
      `${where}: argument \`documents\` must be an array of strings, got ${describeValue(documents)}`,
      "documents",
    );
  }
  for (let j = 0; j < documents.length; j++) {
    if (typeof documents[j] !== "string") {
      throw new ArgumentTypeError(
        `${where}: documents[${j}] is ${describeValue(documents[j])}, expected a string`,
        "documents",
      );
    }
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValueError(`${where}: argument is not valid JSON (${(e as Error).message})`, "json", {
      cause: e,
    });
  }
}
