/**
 * The data of a topic tree to look at: per level, every topic with its top words, its size, its
 * parent in the level above, its representative documents and (optionally) its coherence. Plain
 * JSON (no typed arrays, no NaN), so it can be saved, sent to a Web Worker's page or embedded in
 * a document, and rendered by {@link topicTreeHtml} or {@link topicTreeSvg}.
 *
 * @module
 */

import { ArgumentTypeError, ShapeError, ValueError } from "@neural-nmf/tensor";
import type { Data } from "../data.js";
import { type DocumentTopics, representativeDocumentsOf } from "../document-topics.js";
import type { HierarchyLevel, WordWeight } from "../interpret.js";
import type { NeuralNMF } from "../model.js";

/** Identifies the JSON of a {@link TopicTree}. */
export const TOPIC_TREE_FORMAT = "neural-nmf-topic-tree";

/**
 * What a topic's {@link TopicTreeTopic.size} measures.
 *
 * - `"documents"`: the share of the documents whose strongest topic it is (documents with no
 *   weight at all count nowhere), so the sizes of a level sum to 1.
 * - `"weight"`: its share of the total weight — with documents, the mean of its share over the
 *   documents (each document counts the same); without, its share of the codes `S⁽ˡ⁾` summed
 *   over the training data (saved with the model). The sizes of a level sum to 1.
 */
export type TopicSizeBy = "documents" | "weight";

/**
 * Coherence of a topic (or the mean of a level), as `@neural-nmf/text`'s `topicCoherence` or
 * `CoherenceCounts` gives it. `null` for a topic that could not be scored (fewer than two of its
 * words occur in the reference documents); an absent key for a measure that was not computed.
 */
export interface TopicCoherence {
  /** NPMI (gensim's `c_npmi`): in [−1, 1], higher is more coherent. */
  readonly npmi?: number | null;
  /** UMass (gensim's `u_mass`): at most about 0, closer to 0 is more coherent. */
  readonly umass?: number | null;
}

/** A document shown as an example of a topic. */
export interface TopicTreeDocument {
  /** Column index of the document in the data. */
  readonly document: number;
  /** Share of the topic in the document (0…1). */
  readonly share: number;
  /** A short name: a file name, a title, or `document N`. */
  readonly title: string;
  /** The first words of the document, or null when no text was given. */
  readonly snippet: string | null;
}

/** One topic of a {@link TopicTree}. */
export interface TopicTreeTopic {
  /** `L<level>#<topic>`, as the command line names topics. */
  readonly id: string;
  /** Level, 1-based (1 is the finest). */
  readonly level: number;
  /** Index of the topic within its level (0-based). */
  readonly topic: number;
  /** Size of the topic within its level (0…1; see {@link TopicSizeBy}). */
  readonly size: number;
  /** Top words, heaviest first, with their share of the topic's weight. */
  readonly words: readonly WordWeight[];
  /**
   * The topic of level `level + 1` that uses this one most (`hierarchy()`'s `parent`), or null
   * at the top level.
   */
  readonly parent: number | null;
  /** This topic's share of its parent's ℓ₁ weight (0…1), or null at the top level. */
  readonly parentShare: number | null;
  /**
   * The composition of this topic from the topics of level `level − 1` with their share of its
   * weight, largest first (empty at level 1). Some of them may have another parent.
   */
  readonly composition: readonly { readonly topic: number; readonly weight: number }[];
  /** Representative documents, best first (empty without documents). */
  readonly documents: readonly TopicTreeDocument[];
  /** Coherence of the topic, or null when none was given. */
  readonly coherence: TopicCoherence | null;
}

/** One level of a {@link TopicTree}. */
export interface TopicTreeLevel {
  /** Level, 1-based (1 is the finest). */
  readonly level: number;
  /** Its topics, in index order. */
  readonly topics: readonly TopicTreeTopic[];
  /**
   * Mean coherence of the level's topics that could be scored (null for a measure none could),
   * or null when no coherence was given.
   */
  readonly meanCoherence: TopicCoherence | null;
}

/** A topic tree ready to render: see the module documentation. */
export interface TopicTree {
  /** Always {@link TOPIC_TREE_FORMAT}. */
  readonly format: typeof TOPIC_TREE_FORMAT;
  /** Layout version, 1. */
  readonly version: 1;
  /** A heading for the tree. */
  readonly title: string;
  /** Topics per level, finest first (the model's ranks). */
  readonly ranks: readonly number[];
  /** What the sizes measure. */
  readonly sizeBy: TopicSizeBy;
  /** Number of documents behind the sizes and examples, or null when sized by saved weights. */
  readonly documentCount: number | null;
  /** The levels, finest first: `levels[l]` is level l + 1. */
  readonly levels: readonly TopicTreeLevel[];
}

/** A document's name and text, for the examples of a topic. */
export interface TopicTreeDocumentInfo {
  /** Shown as the document's name (default `document N`). */
  readonly title?: string;
  /** The document's text; its first words become the snippet. */
  readonly text?: string;
}

/** The parts a {@link TopicTree} is assembled from by {@link assembleTopicTree}. */
export interface TopicTreeParts {
  /** Topics per level, finest first. */
  readonly ranks: readonly number[];
  /** `words[l][t]`: the top words of topic t of level l + 1. */
  readonly words: readonly (readonly (readonly WordWeight[])[])[];
  /** The model's `hierarchy()`: one entry per level 2 … L. */
  readonly hierarchy: readonly HierarchyLevel[];
  /** Topics of the documents at every level (`documentTopicsOf`), for sizes and examples. */
  readonly documentTopics?: readonly DocumentTopics[];
  /**
   * Total weight of every topic of every level (`usage[l][t]`), for sizes by weight when no
   * document topics are given.
   */
  readonly usage?: readonly ArrayLike<number>[];
  /** Name and text of each document (column), for the examples. */
  readonly documents?: readonly TopicTreeDocumentInfo[];
  /** `coherence[l][t]`: coherence of topic t of level l + 1. */
  readonly coherence?: readonly (readonly (TopicCoherence | null)[])[];
  /** Representative documents per topic (default 3; 0 for none). */
  readonly representatives?: number;
  /** What sizes measure (default `"documents"` with document topics, else `"weight"`). */
  readonly sizeBy?: TopicSizeBy;
  /** A heading (default `"Topic tree"`). */
  readonly title?: string;
  /** Characters of text kept in a snippet (default 160). */
  readonly snippetLength?: number;
}

/** Options of {@link topicTreeOf}. */
export interface TopicTreeOptions {
  /** The word of each input row (as many as the model's input rows). */
  readonly vocabulary: readonly string[];
  /** Documents as columns (as the model was fitted on): sizes and examples come from them. */
  readonly data?: Data;
  /** The same from `model.documentTopics(X)` already at hand (instead of `data`). */
  readonly documentTopics?: readonly DocumentTopics[];
  /** Name and text of each document, for the examples. */
  readonly documents?: readonly TopicTreeDocumentInfo[];
  /** Top words per topic (default 10). */
  readonly topWords?: number;
  /** Representative documents per topic (default 3; 0 for none). */
  readonly representatives?: number;
  /** What sizes measure (default `"documents"` with documents, else `"weight"`). */
  readonly sizeBy?: TopicSizeBy;
  /** `coherence[l][t]`: coherence of topic t of level l + 1. */
  readonly coherence?: readonly (readonly (TopicCoherence | null)[])[];
  /** A heading (default `"Topic tree"`). */
  readonly title?: string;
  /** Characters of text kept in a snippet (default 160). */
  readonly snippetLength?: number;
}

const WHERE = "topicTreeOf";

/**
 * The topic tree of a fitted model: top words from `vocabulary`, parents and composition from
 * `model.hierarchy()`, sizes and representative documents from `data` (through
 * `model.transform` and `documentTopicsOf`) or, without data, sizes from the weights saved
 * with the model.
 *
 * ```ts
 * const tree = topicTreeOf(model, { vocabulary, data: X, documents: titles.map((title) => ({ title })) });
 * writeFileSync("tree.html", topicTreeHtml(tree));
 * ```
 *
 * @throws NotFittedError when the model is not fitted; ShapeError when `vocabulary`, `data` or
 *   `documents` do not match the model; ValueError for a bad option (named as its argument).
 */
export function topicTreeOf(model: NeuralNMF, options: TopicTreeOptions): TopicTree {
  if (options === null || typeof options !== "object") {
    throw new ArgumentTypeError(`${WHERE}: argument \`options\` must be an object`, "options");
  }
  if (options.data !== undefined && options.documentTopics !== undefined) {
    throw new ValueError(
      `${WHERE}: give \`data\` or \`documentTopics\`, not both (they describe the same documents)`,
      "documentTopics",
    );
  }
  const topWords = positiveInteger(options.topWords, 10, WHERE, "topWords");
  const ranks = model.ranks;
  const words = ranks.map((_, l) => model.topWords(l + 1, options.vocabulary, topWords));
  const documentTopics =
    options.data === undefined ? options.documentTopics : model.documentTopics(options.data);
  return assembleTopicTree({
    ranks,
    words,
    hierarchy: model.hierarchy(),
    ...(documentTopics === undefined ? { usage: model.toJSON().usage } : { documentTopics }),
    ...pick(options, ["documents", "coherence", "representatives", "sizeBy", "title"]),
    ...pick(options, ["snippetLength"]),
  });
}

/**
 * Assembles a {@link TopicTree} from its parts, for trees whose parts do not come from a
 * {@link NeuralNMF} at hand (a saved hierarchy, another model). Inputs are not modified.
 *
 * @throws ShapeError when the parts disagree in size (named as the part); ValueError for a bad
 *   option.
 */
export function assembleTopicTree(parts: TopicTreeParts): TopicTree {
  const where = "assembleTopicTree";
  const ranks = [...parts.ranks];
  const L = ranks.length;
  if (L === 0) throw new ValueError(`${where}: argument \`ranks\` is empty`, "ranks");
  if (parts.words.length !== L) {
    throw new ShapeError(
      `${where}: argument \`words\` has ${parts.words.length} levels, the ranks ${L}`,
      "words",
    );
  }
  const representatives = nonnegativeInteger(parts.representatives, 3, where, "representatives");
  const snippetLength = positiveInteger(parts.snippetLength, 160, where, "snippetLength");
  const topics = parts.documentTopics;
  if (topics !== undefined && topics.length !== L) {
    throw new ShapeError(
      `${where}: argument \`documentTopics\` has ${topics.length} levels, the ranks ${L}`,
      "documentTopics",
    );
  }
  const documentCount = topics?.[0]?.strongest.length ?? null;
  if (parts.documents !== undefined && parts.documents.length !== (documentCount ?? -1)) {
    throw new ShapeError(
      `${where}: argument \`documents\` names ${parts.documents.length} documents, ${
        documentCount === null
          ? "but no document topics were given"
          : `the data has ${documentCount}`
      }`,
      "documents",
    );
  }
  const sizeBy = parts.sizeBy ?? (topics === undefined ? "weight" : "documents");
  if (sizeBy !== "documents" && sizeBy !== "weight") {
    throw new ValueError(
      `${where}: option \`sizeBy\` must be "documents" or "weight", got ${JSON.stringify(sizeBy)}`,
      "sizeBy",
    );
  }
  if (sizeBy === "documents" && topics === undefined) {
    throw new ValueError(
      `${where}: sizes by documents need the documents' topics (\`data\` or \`documentTopics\`)`,
      "sizeBy",
    );
  }
  if (topics === undefined && parts.usage?.length !== L) {
    throw new ShapeError(
      `${where}: without documents, argument \`usage\` must give the weight of every level (${L})`,
      "usage",
    );
  }
  const coherence = parts.coherence;
  if (coherence !== undefined && coherence.length !== L) {
    throw new ShapeError(
      `${where}: argument \`coherence\` has ${coherence.length} levels, the ranks ${L}`,
      "coherence",
    );
  }

  const levels: TopicTreeLevel[] = ranks.map((k, l) => {
    const level = l + 1;
    const words = parts.words[l] as readonly (readonly WordWeight[])[];
    if (words.length !== k) {
      throw new ShapeError(
        `${where}: argument \`words\` has ${words.length} topics at level ${level}, the rank is ${k}`,
        "words",
      );
    }
    const dt = topics?.[l];
    if (dt !== undefined && (dt.topics !== k || dt.strongest.length !== documentCount)) {
      throw new ShapeError(
        `${where}: argument \`documentTopics\` does not match rank ${k} and ${documentCount} documents at level ${level}`,
        "documentTopics",
      );
    }
    const sizes =
      dt === undefined
        ? shareOfTotal(parts.usage?.[l] as ArrayLike<number>, k, level)
        : sizeBy === "documents"
          ? strongestShares(dt)
          : meanShares(dt);
    const examples =
      dt === undefined || representatives === 0
        ? []
        : representativeDocumentsOf(dt, representatives);
    const scores = coherence?.[l];
    if (scores !== undefined && scores.length !== k) {
      throw new ShapeError(
        `${where}: argument \`coherence\` has ${scores.length} topics at level ${level}, the rank is ${k}`,
        "coherence",
      );
    }
    const below = parts.hierarchy.find((h) => h.level === level);
    const above = parts.hierarchy.find((h) => h.level === level + 1);
    const list: TopicTreeTopic[] = words.map((w, t) => {
      const parent = above === undefined ? null : (above.parent[t] ?? null);
      const parentShare =
        parent === null
          ? null
          : (above?.topics[parent]?.children.find((c) => c.topic === t)?.weight ?? 0);
      return {
        id: `L${level}#${t}`,
        level,
        topic: t,
        size: sizes[t] as number,
        words: w.map((x) => ({ word: x.word, weight: x.weight })),
        parent,
        parentShare,
        composition: (below?.topics[t]?.children ?? []).map((c) => ({
          topic: c.topic,
          weight: c.weight,
        })),
        documents: (examples[t] ?? []).map((d) => documentOf(d, parts.documents, snippetLength)),
        coherence: scores === undefined ? null : jsonSafe(scores[t] ?? null),
      };
    });
    return {
      level,
      topics: list,
      meanCoherence: scores === undefined ? null : meanOf(list.map((t) => t.coherence)),
    };
  });
  return {
    format: TOPIC_TREE_FORMAT,
    version: 1,
    title: parts.title ?? "Topic tree",
    ranks,
    sizeBy,
    documentCount,
    levels,
  };
}

/**
 * The first words of a text, whitespace collapsed, cut at a word boundary to at most `length`
 * characters (plus an ellipsis when cut).
 */
export function snippetOf(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(" ");
  // A single very long word is cut inside the word rather than dropped.
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function documentOf(
  d: { document: number; share: number },
  documents: readonly TopicTreeDocumentInfo[] | undefined,
  snippetLength: number,
): TopicTreeDocument {
  const info = documents?.[d.document];
  const title = info?.title?.trim();
  return {
    document: d.document,
    share: d.share,
    title: title === undefined || title === "" ? `document ${d.document}` : title,
    snippet: info?.text === undefined ? null : snippetOf(info.text, snippetLength),
  };
}

/** Share of the documents (with any weight) whose strongest topic each topic is. */
function strongestShares(dt: DocumentTopics): number[] {
  const counts = new Array<number>(dt.topics).fill(0);
  let total = 0;
  for (const t of dt.strongest) {
    if (t < 0) continue;
    counts[t] = (counts[t] as number) + 1;
    total++;
  }
  return counts.map((c) => (total === 0 ? 0 : c / total));
}

/** Mean share of each topic over the documents with any weight. */
function meanShares(dt: DocumentTopics): number[] {
  const n = dt.strongest.length;
  const sums = new Array<number>(dt.topics).fill(0);
  let weighted = 0;
  for (let j = 0; j < n; j++) {
    if ((dt.strongest[j] as number) < 0) continue;
    weighted++;
    for (let t = 0; t < dt.topics; t++)
      sums[t] = (sums[t] as number) + (dt.shares[t * n + j] as number);
  }
  return sums.map((s) => (weighted === 0 ? 0 : s / weighted));
}

function shareOfTotal(usage: ArrayLike<number>, k: number, level: number): number[] {
  if (usage.length !== k) {
    throw new ShapeError(
      `assembleTopicTree: argument \`usage\` has ${usage.length} topics at level ${level}, the rank is ${k}`,
      "usage",
    );
  }
  const values = Array.from(usage, (v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const total = values.reduce((a, v) => a + v, 0);
  return values.map((v) => (total > 0 ? v / total : 0));
}

/** A coherence with non-finite values replaced by null, so the tree stays valid JSON. */
function jsonSafe(c: TopicCoherence | null): TopicCoherence | null {
  if (c === null) return null;
  const out: { npmi?: number | null; umass?: number | null } = {};
  if (c.npmi !== undefined) out.npmi = finiteOrNull(c.npmi);
  if (c.umass !== undefined) out.umass = finiteOrNull(c.umass);
  return out;
}

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

function meanOf(list: readonly (TopicCoherence | null)[]): TopicCoherence {
  const mean = (key: "npmi" | "umass"): number | null | undefined => {
    if (!list.some((c) => c?.[key] !== undefined)) return undefined;
    const values = list.map((c) => c?.[key]).filter((v): v is number => typeof v === "number");
    return values.length === 0 ? null : values.reduce((a, v) => a + v, 0) / values.length;
  };
  const npmi = mean("npmi");
  const umass = mean("umass");
  return {
    ...(npmi === undefined ? {} : { npmi }),
    ...(umass === undefined ? {} : { umass }),
  };
}

function positiveInteger(value: unknown, fallback: number, where: string, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ValueError(
      `${where}: option \`${name}\` must be a positive integer, got ${String(value)}`,
      name,
    );
  }
  return value;
}

function nonnegativeInteger(value: unknown, fallback: number, where: string, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ValueError(
      `${where}: option \`${name}\` must be a non-negative integer, got ${String(value)}`,
      name,
    );
  }
  return value;
}

/** The given (defined) options among `keys`, for spreading into the parts. */
function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (o[key] !== undefined) out[key] = o[key];
  return out;
}
