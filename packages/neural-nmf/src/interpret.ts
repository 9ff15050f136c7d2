import { ShapeError, type Tensor, ValueError } from "@neural-nmf/tensor";

/** How one topic of a level is made of the topics of the level below. */
export interface TopicComposition {
  /** Index of the topic at this level. */
  topic: number;
  /** Children (topics of the level below) with their share of this topic's mass, largest first. */
  children: { topic: number; weight: number }[];
}

/** One level of the topic tree. */
export interface HierarchyLevel {
  /** Level (2 … L): topics of this level are built from those of level − 1. */
  level: number;
  /** Composition of every topic of this level. */
  topics: TopicComposition[];
  /** `parent[i]`: the topic of this level that topic i of the level below belongs to most. */
  parent: Int32Array;
}

/**
 * The topic tree: for each level l ≥ 2, how the k_{l−1} finer topics combine into the k_l coarser
 * ones. Coarse topic j in input space is `t⁽ˡ⁾_j = Σ_i t⁽ˡ⁻¹⁾_i A⁽ˡ⁾[i, j]`; since everything is
 * nonnegative, its ℓ₁ mass splits exactly into the children's shares
 * `w_ij = ‖t⁽ˡ⁻¹⁾_i‖₁ A⁽ˡ⁾[i, j] / ‖t⁽ˡ⁾_j‖₁` (they sum to 1). A finer topic's parent is the coarse
 * topic that uses it most in the data: `argmax_j A⁽ˡ⁾[i, j] · Σ_n S⁽ˡ⁾[j, n]` (usage totals from
 * the training data).
 */
export function hierarchyOf(
  topics: readonly Tensor[],
  layers: readonly Tensor[],
  usage: readonly Float64Array[],
  minWeight = 0,
): HierarchyLevel[] {
  const out: HierarchyLevel[] = [];
  for (let l = 1; l < layers.length; l++) {
    const a = layers[l] as Tensor;
    const fine = topics[l - 1] as Tensor;
    const kf = a.rows;
    const kc = a.cols;
    const fineMass = columnL1(fine);
    const use = usage[l] as Float64Array;
    const comps: TopicComposition[] = [];
    for (let j = 0; j < kc; j++) {
      let total = 0;
      for (let i = 0; i < kf; i++)
        total += (fineMass[i] as number) * (a.data[i * kc + j] as number);
      const children = [];
      for (let i = 0; i < kf; i++) {
        const w =
          total > 0 ? ((fineMass[i] as number) * (a.data[i * kc + j] as number)) / total : 0;
        if (w > minWeight) children.push({ topic: i, weight: w });
      }
      children.sort((p, q) => q.weight - p.weight || p.topic - q.topic);
      comps.push({ topic: j, children });
    }
    const parent = new Int32Array(kf);
    for (let i = 0; i < kf; i++) {
      let best = 0;
      let bv = -1;
      for (let j = 0; j < kc; j++) {
        const v = (a.data[i * kc + j] as number) * (use[j] as number);
        if (v > bv) {
          bv = v;
          best = j;
        }
      }
      parent[i] = best;
    }
    out.push({ level: l + 1, topics: comps, parent });
  }
  return out;
}

/** A word (or feature) and its weight in a topic. */
export interface WordWeight {
  word: string;
  weight: number;
}

/**
 * The `n` heaviest rows of each column of a topic matrix (m×k), with the vocabulary's words.
 * Weights are the topic's entries normalised to sum to 1 over all words.
 */
export function topWordsOf(
  topic: Tensor,
  vocabulary: readonly string[],
  n: number,
): WordWeight[][] {
  if (vocabulary.length !== topic.rows) {
    throw new ShapeError(
      `topWords: vocabulary has ${vocabulary.length} words, the topics have ${topic.rows} rows`,
      "vocabulary",
    );
  }
  if (!Number.isInteger(n) || n < 1)
    throw new ValueError(`topWords: n must be a positive integer, got ${n}`, "n");
  const m = topic.rows;
  const k = topic.cols;
  const mass = columnL1(topic);
  const result: WordWeight[][] = [];
  for (let j = 0; j < k; j++) {
    const idx = Array.from({ length: m }, (_, i) => i);
    idx.sort(
      (p, q) => (topic.data[q * k + j] as number) - (topic.data[p * k + j] as number) || p - q,
    );
    const total = (mass[j] as number) || 1;
    result.push(
      idx.slice(0, Math.min(n, m)).map((i) => ({
        word: vocabulary[i] as string,
        weight: (topic.data[i * k + j] as number) / total,
      })),
    );
  }
  return result;
}

/** ℓ₁ norm of each column. */
export function columnL1(t: Tensor): Float64Array {
  const out = new Float64Array(t.cols);
  const k = t.cols;
  for (let i = 0; i < t.rows; i++)
    for (let j = 0; j < k; j++) out[j] = (out[j] as number) + Math.abs(t.data[i * k + j] as number);
  return out;
}

/** Sum of each row of a k×n matrix (the total usage of each topic over the data). */
export function rowSums(t: Tensor): Float64Array {
  const out = new Float64Array(t.rows);
  const n = t.cols;
  for (let i = 0; i < t.rows; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += t.data[i * n + j] as number;
    out[i] = s;
  }
  return out;
}
