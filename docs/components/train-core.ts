/**
 * The training run of the interactive demo, independent of where it runs: the Web Worker
 * (`train.worker.ts`) calls it in the browser and `test/train-core.test.ts` calls it in Node. It
 * uses only the browser-safe entry points of the packages.
 */
import { CoherenceCounts, TextVectorizer } from "@neural-nmf/text";
import {
  type Data,
  NeuralNMF,
  syntheticHierarchy,
  type TopicCoherence,
  type TopicTree,
  type TopicTreeDocumentInfo,
  topicTreeOf,
} from "neural-nmf";

/** What the page asks the worker to do. */
export type TrainRequest =
  | (CommonRequest & { source: "synthetic" })
  | (CommonRequest & { source: "text"; text: string });

interface CommonRequest {
  /** Identifies the run, so messages of an older run can be ignored. */
  id: number;
  ranks: number[];
  seed: number;
  init: "pretrain" | "nndsvd" | "random";
  maxEpochs: number;
}

export interface TrainResult {
  source: "synthetic" | "text";
  /** Features × samples. */
  shape: [number, number];
  documents: number;
  ranks: number[];
  epochs: number;
  stopReason: string;
  elapsedMs: number;
  initialLoss: number;
  finalLoss: number;
  relativeError: number[];
  /** Synthetic data: the truncated-SVD lower bound of the relative error of each level. */
  svdBound: number[] | null;
  /** Synthetic data: post-hoc accuracy of each level against the planted classes. */
  accuracy: number[] | null;
  /**
   * The topic tree, rendered by `TopicTreeView.vue` with `topicTreeHtmlFragment` (plain JSON, so
   * it crosses from the worker to the page as it is).
   */
  tree: TopicTree;
}

/** Messages from the worker. */
export type TrainMessage =
  | { id: number; type: "progress"; points: [number, number][] }
  | { id: number; type: "done"; result: TrainResult }
  | { id: number; type: "error"; message: string };

/** SVD bounds of the paper's synthetic data at ranks 9, 4 and 2 (docs/neural-nmf.md §6). */
const SVD_BOUNDS: Record<number, number> = { 9: 0.0236, 4: 0.2816, 2: 0.4676 };

/** Splits pasted text into documents: blank-line separated paragraphs, else one per line. */
export function splitDocuments(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (paragraphs.length >= 4) return paragraphs;
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Parses "9, 4, 2" into ranks (validated again by the model). */
export function parseRanks(text: string): number[] {
  const ranks = text
    .split(/[\s,;→>]+/)
    .filter((s) => s.length > 0)
    .map((s) => Number(s));
  if (ranks.length === 0 || ranks.some((r) => !Number.isInteger(r) || r < 1)) {
    throw new Error(`ranks must be positive integers such as "9, 4, 2", got "${text}"`);
  }
  return ranks;
}

/**
 * Builds the data, trains the model and describes the result. `onEpoch` receives (epoch, loss)
 * after every epoch; return false from it to stop early.
 */
export function runTraining(
  request: TrainRequest,
  onEpoch: (epoch: number, loss: number) => void,
): TrainResult {
  let data: Data;
  let vocabulary: string[];
  let labels: Int32Array[] | null = null;
  let documents: number;
  let info: TopicTreeDocumentInfo[];
  // Text only: the documents as the vectoriser tokenises them, for each topic's coherence.
  let tokens: string[][] | null = null;
  if (request.source === "synthetic") {
    const synthetic = syntheticHierarchy({ seed: request.seed });
    data = synthetic.X;
    labels = synthetic.labels;
    documents = data.cols;
    // Feature i is named after the planted subtopic it belongs to, so top "words" show it.
    vocabulary = Array.from(synthetic.rowClasses, (c, i) => `s${c}·${i}`);
    const planted = synthetic.labels[0] as Int32Array;
    info = Array.from({ length: documents }, (_, j) => ({
      title: `sample ${j} (planted subtopic ${planted[j]})`,
    }));
  } else {
    const docs = splitDocuments(request.text);
    if (docs.length < 2) throw new Error("paste at least two documents, separated by blank lines");
    const vectorizer = new TextVectorizer({
      stopWords: "english",
      minDf: docs.length >= 10 ? 2 : 1,
    });
    const tdm = vectorizer.fitTransform(docs);
    data = tdm.matrix;
    vocabulary = tdm.vocabulary.slice();
    documents = docs.length;
    info = docs.map((text, j) => ({ title: `document ${j + 1}`, text }));
    tokens = docs.map((d) => vectorizer.tokenize(d));
  }
  const model = new NeuralNMF({ ranks: request.ranks, seed: request.seed, init: request.init });
  const history = model.fit(data, {
    maxEpochs: request.maxEpochs,
    onEpoch: (e) => {
      onEpoch(e.epoch, e.loss);
      return undefined;
    },
  });
  const relativeError = model.relativeError(data);
  const svdBound =
    request.source === "synthetic" && request.ranks.every((k) => SVD_BOUNDS[k] !== undefined)
      ? request.ranks.map((k) => SVD_BOUNDS[k] as number)
      : null;
  const accuracy =
    labels === null
      ? null
      : request.ranks.map((k, l) => {
          // Compare level l with the planted level of the same number of classes, if any.
          const planted =
            labels.find((lab) => Math.max(...lab) + 1 === k) ??
            labels[Math.min(l, labels.length - 1)];
          return model.accuracy(data, planted as Int32Array, { level: l + 1 });
        });
  const last = history.epochs.at(-1);
  const tree = topicTreeOf(model, {
    vocabulary,
    data,
    documents: info,
    topWords: 6,
    ...(tokens === null ? {} : { coherence: coherenceOf(model, vocabulary, tokens) }),
    title: `${request.ranks.join(" → ")} topics of ${documents} ${request.source === "text" ? "documents" : "samples"}`,
  });
  return {
    source: request.source,
    shape: [data.rows, data.cols],
    documents,
    ranks: request.ranks.slice(),
    epochs: history.epochs.length,
    stopReason: history.stopReason,
    elapsedMs: history.elapsedMs,
    initialLoss: history.initialLoss,
    finalLoss: last ? last.loss : history.initialLoss,
    relativeError,
    svdBound,
    accuracy,
    tree,
  };
}

/**
 * NPMI of each topic's top 10 words in the documents (sliding windows of 10 words), as the
 * command line reports it; null for a topic with fewer than two of its words in them.
 */
export function coherenceOf(
  model: NeuralNMF,
  vocabulary: readonly string[],
  tokens: readonly (readonly string[])[],
): TopicCoherence[][] {
  const words = model.ranks.map((_, l) =>
    model.topWords(l + 1, vocabulary, 10).map((topic) => topic.map((w) => w.word)),
  );
  const counts = new CoherenceCounts(tokens, words.flat(2), { measures: ["npmi"] });
  return words.map((level) =>
    level.map((topic) => {
      if (topic.filter((w) => counts.documentFrequency(w) > 0).length < 2) return { npmi: null };
      const [npmi] = counts.score([topic], { topN: 10 }).perTopic;
      return { npmi: npmi !== undefined && Number.isFinite(npmi) ? npmi : null };
    }),
  );
}
