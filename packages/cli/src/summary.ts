import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import type { NeuralNMF, StopReason } from "neural-nmf";
import { formatDuration, formatNumber, formatPercent, formatTable } from "./format.js";
import type { Labels } from "./io/labels.js";

/** Which columns the accuracies were computed on. */
export type AccuracyScope =
  /** With `--known`: fitted on the known columns, scored on the other labelled ones. */
  | "unlabelled"
  /** Fitted and scored on every labelled column. */
  | "labelled"
  /** With `--known` listing every labelled column: fitted and scored on them. */
  | "known";

/** Relative errors and accuracies of a model on data. */
export interface Evaluation {
  /** `‖X − A⁽¹⁾⋯A⁽ˡ⁾S⁽ˡ⁾‖ / ‖X‖` at every level l = 1 … L. */
  readonly relativeError: number[];
  /**
   * Post-hoc accuracy at every level (keys `"1"` … `"L"`): a least-squares classifier on S⁽ˡ⁾
   * fitted on the known columns, scored as {@link Evaluation.accuracyScope} says.
   */
  readonly accuracy?: Record<string, number>;
  /** Accuracy of the model's trained classifier (supervised models), on the same columns. */
  readonly classifierAccuracy?: number;
  /** Columns the accuracies were scored on. */
  readonly accuracyScope?: AccuracyScope;
  /** Number of columns the post-hoc classifier was fitted on. */
  readonly fittedOn?: number;
  /** Number of columns scored. */
  readonly scoredOn?: number;
}

/**
 * Relative error per level and, with labels, accuracy per level (post-hoc method). With `known`
 * the classifier is fitted on the known columns and scored on the other labelled columns (the
 * semi-supervised protocol); without it, fitted and scored on every labelled column.
 */
export function evaluateModel(
  model: NeuralNMF,
  x: Tensor | CscMatrix,
  labels: Labels | null = null,
  known: Int32Array | null = null,
): Evaluation {
  const relativeError = model.relativeError(x);
  if (labels === null) return { relativeError };
  const labelled: number[] = [];
  labels.values.forEach((c, j) => {
    if (c >= 0) labelled.push(j);
  });
  let fitOn: number[] = labelled;
  let scoreOn: number[] = labelled;
  let scope: AccuracyScope = "labelled";
  if (known !== null) {
    const isKnown = new Set(known);
    fitOn = Array.from(known);
    scoreOn = labelled.filter((j) => !isKnown.has(j));
    scope = "unlabelled";
    if (scoreOn.length === 0) {
      scoreOn = fitOn;
      scope = "known";
    }
  }
  const accuracy: Record<string, number> = {};
  for (let level = 1; level <= model.ranks.length; level++) {
    accuracy[String(level)] = model.accuracy(x, labels.values, {
      level,
      method: "posthoc",
      fitOn,
      scoreOn,
    });
  }
  const result: Evaluation = {
    relativeError,
    accuracy,
    accuracyScope: scope,
    fittedOn: fitOn.length,
    scoredOn: scoreOn.length,
  };
  if (model.classifier === null) return result;
  const classifierAccuracy = model.accuracy(x, labels.values, { method: "classifier", scoreOn });
  return { ...result, classifierAccuracy };
}

/** Training facts for the summaries. */
export interface TrainingFacts {
  readonly epochs: number;
  readonly seconds: number;
  readonly stopReason: StopReason;
}

/**
 * The `--json` summary of `fit` (and, without `training`, of `eval`): one JSON object on one
 * line, keys `relativeError`, `accuracy` (when labels were given), `epochs`, `seconds`,
 * `stopReason`, then details (`ranks`, `shape`, accuracy scope, output file, coherence).
 */
export function summaryJson(
  evaluation: Evaluation,
  details: {
    readonly training?: TrainingFacts;
    readonly ranks: readonly number[];
    readonly shape: readonly [number, number];
    readonly out?: string;
    /** Coherence of the topics (`--documents`), already JSON-safe. */
    readonly coherence?: unknown;
  },
): string {
  const e = evaluation;
  const t = details.training;
  const summary = {
    relativeError: e.relativeError.map(round),
    ...(e.accuracy === undefined ? {} : { accuracy: mapValues(e.accuracy, round) }),
    ...(t === undefined
      ? {}
      : {
          epochs: t.epochs,
          seconds: Math.round(t.seconds * 1000) / 1000,
          stopReason: t.stopReason,
        }),
    ...(e.classifierAccuracy === undefined
      ? {}
      : { classifierAccuracy: round(e.classifierAccuracy) }),
    ...(e.accuracyScope === undefined
      ? {}
      : { accuracyScope: e.accuracyScope, fittedOn: e.fittedOn, scoredOn: e.scoredOn }),
    ranks: [...details.ranks],
    shape: [...details.shape],
    ...(details.out === undefined ? {} : { out: details.out }),
    ...(details.coherence === undefined ? {} : { coherence: details.coherence }),
  };
  return JSON.stringify(summary);
}

function round(x: number): number {
  return Number(x.toPrecision(10));
}

function mapValues(o: Record<string, number>, f: (x: number) => number): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

const STOP_REASONS: Record<StopReason, string> = {
  maxEpochs: "reached the epoch limit",
  tolerance: "converged (loss change below the tolerance)",
  timeBudget: "time budget used up",
  callback: "stopped early",
  validation: "stopped early (held-out labels stopped improving)",
};

/** The human-readable summary: training facts, a per-level table, and what was scored. */
export function summaryText(
  evaluation: Evaluation,
  details: {
    readonly heading: string;
    readonly training?: TrainingFacts;
    readonly ranks: readonly number[];
    readonly out?: string;
  },
): string {
  const e = evaluation;
  const lines = [details.heading];
  const t = details.training;
  if (t !== undefined) {
    lines.push(
      `Training: ${t.epochs} epoch${t.epochs === 1 ? "" : "s"} in ${formatDuration(t.seconds * 1000)}, ${STOP_REASONS[t.stopReason]}`,
    );
  }
  const header = ["level", "rank", "relative error"];
  if (e.accuracy !== undefined) header.push("accuracy");
  const rows = details.ranks.map((rank, l) => {
    const row = [String(l + 1), String(rank), formatNumber(e.relativeError[l] as number)];
    if (e.accuracy !== undefined) row.push(formatPercent(e.accuracy[String(l + 1)] as number));
    return row;
  });
  lines.push("", formatTable(header, rows, [true, true, true, true]));
  if (e.accuracy !== undefined) {
    lines.push("", accuracyNote(e));
    if (e.classifierAccuracy !== undefined) {
      lines.push(`Trained classifier (top level): ${formatPercent(e.classifierAccuracy)}`);
    }
  }
  if (details.out !== undefined) lines.push("", `Model saved to ${details.out}`);
  return `${lines.join("\n")}\n`;
}

function accuracyNote(e: Evaluation): string {
  const method = "Accuracy: post-hoc least-squares classifier on each level's representation";
  switch (e.accuracyScope) {
    case "unlabelled":
      return `${method}, fitted on the ${e.fittedOn} known columns, scored on the ${e.scoredOn} others.`;
    case "known":
      return `${method}, fitted and scored on the ${e.fittedOn} known columns (no other column has a label).`;
    default:
      return `${method}, fitted and scored on the ${e.scoredOn} labelled columns.`;
  }
}
