import {
  ArgumentTypeError,
  formatShape,
  ShapeError,
  selectColumns,
  Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { checkOptions, describeValue } from "./checks.js";

/**
 * Class labels of the n columns of X, some possibly unknown (semi-supervision).
 *
 * The fields describe one thing several ways because the losses need different views of it:
 * a dense one-hot matrix for the L2 loss, the list of labelled columns to select them cheaply,
 * integer labels for accuracy. Build it with {@link supervisionFromLabels} or
 * {@link supervisionFromOneHot}, which guarantee the views agree.
 */
export interface Supervision {
  /**
   * c×n one-hot labels. Columns whose label is unknown are all zero, so a label hidden by the
   * mask can never leak into a loss.
   */
  readonly Y: Tensor;
  /** 1×n: 1 where the label of column j is known, 0 elsewhere. */
  readonly mask: Tensor;
  /** Indices of the labelled columns, increasing. Never empty. */
  readonly known: Int32Array;
  /** Number of classes c. */
  readonly classes: number;
  /** Label of each column in 0..c−1, or −1 where it is unknown. */
  readonly labels: Int32Array;
}

/** Options of {@link supervisionFromLabels}. */
export interface SupervisionFromLabelsOptions {
  /**
   * Number of classes c (default: the largest label + 1, counting every given label, including
   * ones hidden by `known`).
   */
  classes?: number;
  /**
   * Which labels the model may see: column indices, or a length-n boolean mask. Default: every
   * column whose label is a non-negative integer. Every listed column must have a label.
   */
  known?: ArrayLike<number> | ArrayLike<boolean>;
}

const WHERE_LABELS = "supervisionFromLabels";

/**
 * Most classes a supervision may have (the classifier holds one row per class). Inferred from the
 * labels, the count may also not exceed the number of columns.
 */
export const MAX_LABEL_CLASSES = 65_536;
const WHERE_ONE_HOT = "supervisionFromOneHot";

/**
 * Builds a {@link Supervision} from integer labels.
 *
 * @param labels - one entry per column of X: a class in 0..c−1, or a negative number or `null`
 *   for "unknown".
 * @throws {@link ValueError} for a non-integer label, a label ≥ `classes`, a known index out of
 *   range, repeated or pointing at an unknown label, or when no label is known;
 *   {@link ShapeError} for a `known` mask of the wrong length; {@link ArgumentTypeError} for
 *   inputs of the wrong type.
 * @example
 * ```ts
 * // 6 documents, labels of the first four are known
 * const sup = supervisionFromLabels([0, 2, 1, 0, 2, 1], { known: [0, 1, 2, 3] });
 * sup.labels; // Int32Array [0, 2, 1, 0, -1, -1]
 * ```
 */
export function supervisionFromLabels(
  labels: ArrayLike<number | null>,
  options: SupervisionFromLabelsOptions = {},
): Supervision {
  if (labels === null || typeof labels !== "object" || typeof labels.length !== "number") {
    throw new ArgumentTypeError(
      `${WHERE_LABELS}: \`labels\` must be an array of class numbers, got ${describeValue(labels)}`,
      "labels",
    );
  }
  const opts = checkOptions(options, ["classes", "known"], WHERE_LABELS);
  const n = labels.length;
  const given = new Int32Array(n).fill(-1);
  let maxLabel = -1;
  for (let j = 0; j < n; j++) {
    const v = labels[j];
    if (v === null || v === undefined) continue;
    if (typeof v !== "number") {
      throw new ArgumentTypeError(
        `${WHERE_LABELS}: labels[${j}] is ${describeValue(v)}, not a number or null`,
        "labels",
      );
    }
    if (!Number.isInteger(v)) {
      throw new ValueError(
        `${WHERE_LABELS}: labels[${j}] = ${v} is not an integer class`,
        "labels",
      );
    }
    if (v < 0) continue;
    given[j] = v;
    if (v > maxLabel) maxLabel = v;
  }

  let classes: number;
  if (opts.classes === undefined) {
    classes = maxLabel + 1;
    // Every class makes a row of the classifier: a stray label like 1 000 000 among a few
    // hundred columns must not allocate a million of them.
    if (classes > Math.max(n, 1) || classes > MAX_LABEL_CLASSES) {
      const j = given.indexOf(maxLabel);
      throw new ValueError(
        `${WHERE_LABELS}: labels[${j}] = ${maxLabel} would make ${classes} classes for ${n} columns (at most ${Math.min(Math.max(n, 1), MAX_LABEL_CLASSES)}); number the classes 0, 1, 2, … or give \`classes\``,
        "labels",
      );
    }
  } else {
    const c = opts.classes;
    if (typeof c !== "number" || !Number.isInteger(c) || c < 1 || c > MAX_LABEL_CLASSES) {
      throw new ValueError(
        `${WHERE_LABELS}: \`classes\` must be an integer from 1 to ${MAX_LABEL_CLASSES}, got ${describeValue(c)}`,
        "classes",
      );
    }
    if (maxLabel >= c) {
      const j = given.indexOf(maxLabel);
      throw new ValueError(
        `${WHERE_LABELS}: labels[${j}] = ${maxLabel} is out of range for ${c} classes (0..${c - 1})`,
        "labels",
      );
    }
    classes = c;
  }

  const isKnown = new Uint8Array(n);
  if (opts.known === undefined) {
    for (let j = 0; j < n; j++) if ((given[j] as number) >= 0) isKnown[j] = 1;
  } else {
    readKnown(opts.known, n, isKnown);
    for (let j = 0; j < n; j++) {
      if (isKnown[j] === 1 && (given[j] as number) < 0) {
        throw new ValueError(
          `${WHERE_LABELS}: column ${j} is marked known but labels[${j}] = ${String(labels[j])} is unknown`,
          "known",
        );
      }
    }
  }
  return build(given, isKnown, classes, WHERE_LABELS, "known");
}

/** Fills `isKnown` from indices or a boolean mask, with the checks their form calls for. */
function readKnown(known: unknown, n: number, isKnown: Uint8Array): void {
  if (
    known === null ||
    typeof known !== "object" ||
    typeof (known as ArrayLike<unknown>).length !== "number"
  ) {
    throw new ArgumentTypeError(
      `${WHERE_LABELS}: \`known\` must be an array of column indices or a boolean mask, got ${describeValue(known)}`,
      "known",
    );
  }
  const list = known as ArrayLike<unknown>;
  const asMask = list.length > 0 && typeof list[0] === "boolean";
  if (asMask) {
    if (list.length !== n) {
      throw new ShapeError(
        `${WHERE_LABELS}: the \`known\` mask has length ${list.length}, labels have ${n}`,
        "known",
      );
    }
    for (let j = 0; j < n; j++) {
      const b = list[j];
      if (typeof b !== "boolean") {
        throw new ArgumentTypeError(
          `${WHERE_LABELS}: known[${j}] is ${describeValue(b)}; a mask holds only booleans`,
          "known",
        );
      }
      isKnown[j] = b ? 1 : 0;
    }
    return;
  }
  for (let t = 0; t < list.length; t++) {
    const j = list[t];
    if (typeof j !== "number") {
      throw new ArgumentTypeError(
        `${WHERE_LABELS}: known[${t}] is ${describeValue(j)}; indices must all be numbers`,
        "known",
      );
    }
    if (!Number.isInteger(j) || j < 0 || j >= n) {
      throw new ValueError(
        `${WHERE_LABELS}: known[${t}] = ${j} is not a column index in [0, ${n})`,
        "known",
      );
    }
    if (isKnown[j] === 1) {
      throw new ValueError(`${WHERE_LABELS}: column ${j} is listed twice in \`known\``, "known");
    }
    isKnown[j] = 1;
  }
}

/**
 * Builds a {@link Supervision} from a one-hot matrix.
 *
 * @param Y - c×n; every column whose label is known must be one-hot (zeros and a single 1).
 * @param mask - 1×n, or c×n with whole columns of 0 or 1 (the reference's form); 1 marks a known
 *   label. Default: every label is known, so every column must be one-hot. Columns the mask hides
 *   may hold anything and are zeroed in the result.
 * @throws {@link ShapeError} when the shapes do not fit or a c×n mask has a partial column;
 *   {@link ValueError} for a known column that is not one-hot, a mask entry other than 0 or 1,
 *   or a mask that hides every label.
 */
export function supervisionFromOneHot(Y: Tensor, mask?: Tensor): Supervision {
  if (!(Y instanceof Tensor) || Y.shape.length !== 2) {
    throw new ArgumentTypeError(
      `${WHERE_ONE_HOT}: \`Y\` must be a c×n matrix Tensor, got ${Y instanceof Tensor ? `shape ${formatShape(Y.shape)}` : describeValue(Y)}`,
      "Y",
    );
  }
  const c = Y.rows;
  const n = Y.cols;
  if (c < 1) throw new ShapeError(`${WHERE_ONE_HOT}: \`Y\` has no rows (classes)`, "Y");
  const isKnown = new Uint8Array(n).fill(1);
  if (mask !== undefined) {
    if (!(mask instanceof Tensor) || mask.shape.length !== 2) {
      throw new ArgumentTypeError(
        `${WHERE_ONE_HOT}: \`mask\` must be a 1×n or c×n matrix Tensor, got ${describeValue(mask)}`,
        "mask",
      );
    }
    if (mask.cols !== n || (mask.rows !== 1 && mask.rows !== c)) {
      throw new ShapeError(
        `${WHERE_ONE_HOT}: \`mask\` has shape ${formatShape(mask.shape)}, expected [1, ${n}] or [${c}, ${n}]`,
        "mask",
      );
    }
    for (let j = 0; j < n; j++) {
      const first = mask.data[j] as number;
      for (let i = 0; i < mask.rows; i++) {
        const v = mask.data[i * n + j] as number;
        if (v !== 0 && v !== 1) {
          throw new ValueError(
            `${WHERE_ONE_HOT}: mask[${i}, ${j}] = ${v}; a label mask holds only 0 and 1`,
            "mask",
          );
        }
        if (v !== first) {
          throw new ShapeError(
            `${WHERE_ONE_HOT}: column ${j} of \`mask\` mixes 0 and 1; a label is known or unknown as a whole`,
            "mask",
          );
        }
      }
      isKnown[j] = first;
    }
  }
  const labels = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    if (isKnown[j] === 0) continue;
    let hot = -1;
    for (let i = 0; i < c; i++) {
      const v = Y.data[i * n + j] as number;
      if (v === 0) continue;
      if (v !== 1 || hot !== -1) {
        hot = -2;
        break;
      }
      hot = i;
    }
    if (hot < 0) {
      throw new ValueError(
        `${WHERE_ONE_HOT}: column ${j} of \`Y\` is not one-hot (${Array.from(Y.column(j)).join(", ")}); hide it with \`mask\` if its label is unknown`,
        "Y",
      );
    }
    labels[j] = hot;
  }
  return build(labels, isKnown, c, WHERE_ONE_HOT, "mask");
}

/** Assembles the views of a supervision from validated labels and the known set. */
function build(
  given: Int32Array,
  isKnown: Uint8Array,
  classes: number,
  where: string,
  maskArgument: string,
): Supervision {
  const n = given.length;
  const knownList: number[] = [];
  for (let j = 0; j < n; j++) if (isKnown[j] === 1) knownList.push(j);
  if (knownList.length === 0) {
    throw new ValueError(
      `${where}: no label is known; supervision needs at least one labelled column (drop the classification loss for an unsupervised fit)`,
      maskArgument,
    );
  }
  const labels = new Int32Array(n).fill(-1);
  const y = new Float64Array(classes * n);
  const m = new Float64Array(n);
  for (const j of knownList) {
    const label = given[j] as number;
    labels[j] = label;
    y[label * n + j] = 1;
    m[j] = 1;
  }
  return {
    Y: Tensor.fromTypedArray(y, [classes, n], { copy: false }),
    mask: Tensor.fromTypedArray(m, [1, n], { copy: false }),
    known: Int32Array.from(knownList),
    classes,
    labels,
  };
}

/**
 * The labelled columns of a tensor with one column per sample (the codes S⁽ˡ⁾, logits, Y…), in
 * the order of `supervision.known`; differentiable. Returns `t` itself when every label is known.
 * Losses restricted to labelled samples use it so that unlabelled columns get exactly zero
 * gradient, for work proportional to |known| rather than n.
 * @throws {@link ShapeError} when `t` does not have one column per sample.
 */
export function labelledColumns(t: Tensor, supervision: Supervision): Tensor {
  if (
    supervision === null ||
    typeof supervision !== "object" ||
    !(supervision.known instanceof Int32Array) ||
    !(supervision.labels instanceof Int32Array)
  ) {
    throw new ArgumentTypeError(
      `labelledColumns: \`supervision\` must be a Supervision, got ${describeValue(supervision)}`,
      "supervision",
    );
  }
  if (!(t instanceof Tensor) || t.shape.length !== 2 || t.cols !== supervision.labels.length) {
    throw new ShapeError(
      `labelledColumns: \`t\` must have one column per sample (${supervision.labels.length}), got ${t instanceof Tensor ? formatShape(t.shape) : describeValue(t)}`,
      "t",
    );
  }
  return supervision.known.length === t.cols ? t : selectColumns(t, supervision.known);
}
