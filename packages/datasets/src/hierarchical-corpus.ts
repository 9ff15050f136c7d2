import { CscMatrix, Random, ValueError } from "@neural-nmf/tensor";
import { AliasTable } from "./alias-table.js";

/** Options of {@link hierarchicalCorpus}. */
export interface HierarchicalCorpusOptions {
  /** Number of documents n (columns). */
  documents: number;
  /** Seed of every random choice; same seed, same corpus. */
  seed: number;
  /** Vocabulary size m (rows). Default 20 000. */
  words?: number;
  /** Number of super-topics (groups). Default 4. */
  groups?: number;
  /** Subtopics inside each group. Default 5. */
  subtopicsPerGroup?: number;
  /** Mean number of tokens per document. Default 80. */
  tokensPerDocument?: number;
  /** Words owned by each group (shared by its subtopics). Default 300. */
  groupWords?: number;
  /** Words owned by each subtopic. Default 150. */
  subtopicWords?: number;
  /**
   * Average share of a document's tokens drawn from the background, its group and its subtopic
   * (normalised to sum to 1; each document jitters them by a factor in [0.5, 1.5)).
   * Default `[0.35, 0.25, 0.4]`.
   */
  mixture?: readonly [number, number, number];
}

/** A generated corpus: counts, planted labels at both levels, and word names. */
export interface HierarchicalCorpus {
  /** Word counts, words × documents (m×n), sparse. */
  X: CscMatrix;
  /** Subtopic of every document, in 0..groups·subtopicsPerGroup − 1 (group g owns g·T … g·T+T−1). */
  subtopics: Int32Array;
  /** Group (super-topic) of every document, in 0..groups − 1. */
  groups: Int32Array;
  /**
   * Name of every word, saying what owns it: `g2s3w17` (word 17 of subtopic 3 of group 2),
   * `g2w40` (word 40 of group 2) or `bg1234` (background word of Zipf rank 1234).
   */
  vocabulary: string[];
}

/** Largest supported vocabulary or document count. */
export const MAX_CORPUS_DIMENSION = 10_000_000;
/** Largest supported expected token count (documents × tokensPerDocument). */
export const MAX_CORPUS_TOKENS = 1_000_000_000;

const WHERE = "hierarchicalCorpus";
const KEYS = new Set([
  "documents",
  "seed",
  "words",
  "groups",
  "subtopicsPerGroup",
  "tokensPerDocument",
  "groupWords",
  "subtopicWords",
  "mixture",
]);

function integerOption(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ValueError(
      `${WHERE}: option \`${name}\` must be an integer from ${min} to ${max}, got ${String(value)}`,
      name,
    );
  }
  return value;
}

/**
 * A seeded bag-of-words corpus with a planted two-level topic tree, for benchmarks and tests at
 * any size: `groups` super-topics, each with `subtopicsPerGroup` subtopics.
 *
 * Every document belongs to one subtopic (uniformly at random) and draws its tokens from three
 * word distributions: a Zipf background over the whole vocabulary (weight ∝ 1/(rank + 10)),
 * the words of its group and the words of its subtopic (each Zipf-like over their own words,
 * ∝ 1/(rank + 5)). Topic words are disjoint between topics and also carry background mass. The
 * number of tokens is a rounded normal with mean `tokensPerDocument` and variance equal to the
 * mean (at least 1). Word indices are shuffled, so topic words are not contiguous rows.
 *
 * Cost: O(m + total tokens) time; memory is the output plus O(m).
 *
 * @example
 * ```ts
 * const { X, subtopics, groups } = hierarchicalCorpus({ documents: 20_000, seed: 1 });
 * X.shape; // [20000, 20000], about 75 distinct words per document
 * ```
 * @throws {@link ValueError} for unknown options, sizes out of range (see
 *   {@link MAX_CORPUS_DIMENSION}, {@link MAX_CORPUS_TOKENS}) or more topic words than the
 *   vocabulary holds.
 */
export function hierarchicalCorpus(options: HierarchicalCorpusOptions): HierarchicalCorpus {
  if (options === null || typeof options !== "object") {
    throw new ValueError(`${WHERE}: options \`{ documents, seed }\` are required`, "options");
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) {
      throw new ValueError(
        `${WHERE}: unknown option \`${key}\` (known: ${[...KEYS].join(", ")})`,
        key,
      );
    }
  }
  const n = integerOption(options.documents, "documents", 1, MAX_CORPUS_DIMENSION);
  if (typeof options.seed !== "number" || !Number.isFinite(options.seed)) {
    throw new ValueError(`${WHERE}: option \`seed\` must be a finite number`, "seed");
  }
  const m = integerOption(options.words ?? 20_000, "words", 1, MAX_CORPUS_DIMENSION);
  const G = integerOption(options.groups ?? 4, "groups", 1, 10_000);
  const T = integerOption(options.subtopicsPerGroup ?? 5, "subtopicsPerGroup", 1, 10_000);
  const tokens = options.tokensPerDocument ?? 80;
  if (typeof tokens !== "number" || !(tokens >= 1) || tokens * n > MAX_CORPUS_TOKENS) {
    throw new ValueError(
      `${WHERE}: option \`tokensPerDocument\` must be ≥ 1 with documents × tokensPerDocument ≤ ${MAX_CORPUS_TOKENS}, got ${String(tokens)}`,
      "tokensPerDocument",
    );
  }
  const gw = integerOption(options.groupWords ?? 300, "groupWords", 1, MAX_CORPUS_DIMENSION);
  const sw = integerOption(options.subtopicWords ?? 150, "subtopicWords", 1, MAX_CORPUS_DIMENSION);
  if (G * gw + G * T * sw > m) {
    throw new ValueError(
      `${WHERE}: ${G}·${gw} group words and ${G * T}·${sw} subtopic words do not fit in ${m} words`,
      "words",
    );
  }
  const mixture = options.mixture ?? [0.35, 0.25, 0.4];
  if (
    !Array.isArray(mixture) ||
    mixture.length !== 3 ||
    !mixture.every((w) => typeof w === "number" && Number.isFinite(w) && w >= 0) ||
    mixture[0] + mixture[1] + mixture[2] <= 0
  ) {
    throw new ValueError(
      `${WHERE}: option \`mixture\` must be three finite weights ≥ 0, not all 0`,
      "mixture",
    );
  }

  const rng = new Random(options.seed);
  // A random permutation of the rows, so no topic owns a contiguous block of them.
  const rowOf = Int32Array.from(rng.shuffle(Array.from({ length: m }, (_, i) => i)));
  const vocabulary = new Array<string>(m);
  let next = 0;
  const topicTable = (count: number, name: (r: number) => string): AliasTable => {
    const rows = new Int32Array(count);
    const weights = new Float64Array(count);
    for (let r = 0; r < count; r++) {
      const row = rowOf[next++] as number;
      rows[r] = row;
      weights[r] = 1 / (r + 5);
      vocabulary[row] = name(r);
    }
    return new AliasTable(rows, weights);
  };
  const groupTables: AliasTable[] = [];
  const subTables: AliasTable[] = [];
  for (let g = 0; g < G; g++) {
    groupTables.push(topicTable(gw, (r) => `g${g}w${r}`));
    for (let t = 0; t < T; t++) subTables.push(topicTable(sw, (r) => `g${g}s${t}w${r}`));
  }
  // The background covers every word; its Zipf ranks are a second random order.
  const bgRows = Int32Array.from(rng.shuffle(Array.from({ length: m }, (_, i) => i)));
  const bgWeights = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    bgWeights[r] = 1 / (r + 10);
    const row = bgRows[r] as number;
    if (vocabulary[row] === undefined) vocabulary[row] = `bg${r}`;
  }
  const background = new AliasTable(bgRows, bgWeights);

  const subtopics = new Int32Array(n);
  const groups = new Int32Array(n);
  const colPtr = new Int32Array(n + 1);
  let capacity = Math.max(16, Math.ceil(n * Math.min(tokens, m) * 1.1));
  let rowIndices = new Int32Array(capacity);
  let values = new Float64Array(capacity);
  const counts = new Int32Array(m);
  const touched: number[] = [];
  let nnz = 0;
  for (let j = 0; j < n; j++) {
    const sub = rng.int(G * T);
    const g = Math.floor(sub / T);
    subtopics[j] = sub;
    groups[j] = g;
    const wb = mixture[0] * rng.uniformRange(0.5, 1.5);
    const wg = mixture[1] * rng.uniformRange(0.5, 1.5);
    const ws = mixture[2] * rng.uniformRange(0.5, 1.5);
    const total = wb + wg + ws;
    const pb = wb / total;
    const pg = (wb + wg) / total;
    const count = Math.max(1, Math.round(tokens + Math.sqrt(tokens) * rng.normal()));
    const groupTable = groupTables[g] as AliasTable;
    const subTable = subTables[sub] as AliasTable;
    for (let t = 0; t < count; t++) {
      const u = rng.uniform();
      const table = u < pb ? background : u < pg ? groupTable : subTable;
      const row = table.sample(rng);
      if (counts[row] === 0) touched.push(row);
      counts[row] = (counts[row] as number) + 1;
    }
    touched.sort((a, b) => a - b);
    if (nnz + touched.length > capacity) {
      capacity = Math.max(capacity * 2, nnz + touched.length);
      const ri = new Int32Array(capacity);
      ri.set(rowIndices.subarray(0, nnz));
      rowIndices = ri;
      const vs = new Float64Array(capacity);
      vs.set(values.subarray(0, nnz));
      values = vs;
    }
    for (const row of touched) {
      rowIndices[nnz] = row;
      values[nnz++] = counts[row] as number;
      counts[row] = 0;
    }
    touched.length = 0;
    colPtr[j + 1] = nnz;
  }
  const X = new CscMatrix(m, n, colPtr, rowIndices.slice(0, nnz), values.slice(0, nnz));
  return { X, subtopics, groups, vocabulary };
}
