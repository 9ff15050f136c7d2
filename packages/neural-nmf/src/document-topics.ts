import type { Tensor } from "@neural-nmf/tensor";

/** The topics of the documents at one level. */
export interface DocumentTopics {
  /** Level l (1-based). */
  readonly level: number;
  /**
   * Share of each topic in each document, k_l×n row-major: column j of S⁽ˡ⁾ divided by its sum
   * (a document with no weight at all has all shares 0).
   */
  readonly shares: Float64Array;
  /** Number of topics k_l. */
  readonly topics: number;
  /** The strongest topic of each document, −1 for a document with no weight. */
  readonly strongest: Int32Array;
}

/** Shares and strongest topic of every document at one level, from its codes S (k×n). */
export function documentTopicsOf(level: number, s: Tensor): DocumentTopics {
  const k = s.rows;
  const n = s.cols;
  const shares = new Float64Array(k * n);
  const strongest = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    let total = 0;
    let best = -1;
    let bestValue = 0;
    for (let t = 0; t < k; t++) {
      const v = s.data[t * n + j] as number;
      total += v;
      if (v > bestValue) {
        bestValue = v;
        best = t;
      }
    }
    strongest[j] = best;
    if (total > 0)
      for (let t = 0; t < k; t++) shares[t * n + j] = (s.data[t * n + j] as number) / total;
  }
  return { level, shares, topics: k, strongest };
}

/** A document that represents a topic, with its share of that topic. */
export interface RepresentativeDocument {
  /** Column index of the document. */
  readonly document: number;
  /** Share of the topic in the document (0…1). */
  readonly share: number;
}

/**
 * The `n` documents that represent each topic best: those whose strongest topic it is, by
 * decreasing share of the topic (BERTopic's representative documents, read off the model's own
 * document–topic weights). A topic that is nobody's strongest gets the documents with its largest
 * shares instead, so every topic with any weight has examples.
 */
export function representativeDocumentsOf(
  topics: DocumentTopics,
  n: number,
): RepresentativeDocument[][] {
  const { shares, strongest, topics: k } = topics;
  const cols = strongest.length;
  const out: RepresentativeDocument[][] = [];
  for (let t = 0; t < k; t++) {
    const own: RepresentativeDocument[] = [];
    const any: RepresentativeDocument[] = [];
    for (let j = 0; j < cols; j++) {
      const share = shares[t * cols + j] as number;
      if (share <= 0) continue;
      (strongest[j] === t ? own : any).push({ document: j, share });
    }
    const byShare = (a: RepresentativeDocument, b: RepresentativeDocument) =>
      b.share - a.share || a.document - b.document;
    own.sort(byShare);
    if (own.length >= n) {
      out.push(own.slice(0, n));
      continue;
    }
    any.sort(byShare);
    out.push([...own, ...any.slice(0, n - own.length)]);
  }
  return out;
}
