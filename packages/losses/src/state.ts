import {
  ArgumentTypeError,
  CscMatrix,
  formatShape,
  ShapeError,
  Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { describeValue } from "./checks.js";
import type { Supervision } from "./supervision.js";

/** A classifier on the codes of one level, and the labels it is trained on. */
export interface LevelClassifier {
  /** The level l (1-based) whose codes S⁽ˡ⁾ it classifies. */
  readonly level: number;
  /** The classifier, c×k_l. */
  readonly B: Tensor;
  /** The labels of the columns (some may be unknown). */
  readonly supervision: Supervision;
}

/**
 * Everything a loss may look at: the input, the factors, the NNLS outputs and, when the model is
 * supervised, the classifier and the labels. The model builds one per epoch; losses only read it.
 *
 * Ranks: m = k₀ > k₁ > … > k_L. Only X and the supervision are constants; the A's and B are the
 * trained parameters, and the S's are traced too because each S⁽ˡ⁾ = q(S⁽ˡ⁻¹⁾, A⁽ˡ⁾) depends on
 * the A's, so gradients flow through them back into the factors.
 */
export interface ModelState {
  /** The m×n input, one column per sample. Constant. A `CscMatrix` is never densified. */
  readonly X: Tensor | CscMatrix;
  /** A⁽¹⁾…A⁽ᴸ⁾, A⁽ˡ⁾ of shape k_{l−1}×k_l. */
  readonly A: readonly Tensor[];
  /** S⁽¹⁾…S⁽ᴸ⁾, S⁽ˡ⁾ of shape k_l×n: the outputs of the NNLS layers. */
  readonly S: readonly Tensor[];
  /** Classifier c×k_L, when the model is supervised. */
  readonly B?: Tensor;
  /** Labels of the columns of X, when the model is (semi-)supervised. */
  readonly supervision?: Supervision;
  /**
   * Every supervised level's classifier and labels, when the model classifies at one or more
   * levels (`crossEntropyLoss({ level })` reads them). A model supervised at its top level only
   * also sets `B` and `supervision` to that entry.
   */
  readonly classifiers?: readonly LevelClassifier[];
}

const WHERE = "validateModelState";

/**
 * Checks that the pieces of a model state fit together: X is m×n (dense or sparse), there is at
 * least one layer, A⁽ˡ⁾ is k_{l−1}×k_l with k₀ = m, S⁽ˡ⁾ is k_l×n, B is c×k_L and the supervision
 * describes n columns of c classes. Only shapes and types are checked (in O(L + |known|)), not
 * values, so it is cheap enough to run on every evaluation.
 *
 * @param where - prefix of error messages (e.g. the name of the loss being evaluated).
 * @throws {@link ArgumentTypeError} for a piece of the wrong type, {@link ShapeError} for shapes
 *   that do not fit, {@link ValueError} for a supervision whose known indices are out of range.
 */
export function validateModelState(state: ModelState, where: string = WHERE): void {
  if (state === null || typeof state !== "object") {
    throw new ArgumentTypeError(
      `${where}: the model state must be an object, got ${describeValue(state)}`,
      "state",
    );
  }
  const { X, A, S, B, supervision } = state;
  if (!(X instanceof CscMatrix) && !(X instanceof Tensor && X.shape.length === 2)) {
    throw new ArgumentTypeError(
      `${where}: \`state.X\` must be a matrix Tensor or a CscMatrix, got ${describeTensorish(X)}`,
      "state.X",
    );
  }
  const [m, n] = X.shape as readonly [number, number];
  if (!Array.isArray(A) || A.length === 0) {
    throw new ArgumentTypeError(
      `${where}: \`state.A\` must be a non-empty array of factors A⁽¹⁾…A⁽ᴸ⁾, got ${describeValue(A)}`,
      "state.A",
    );
  }
  if (!Array.isArray(S) || S.length !== A.length) {
    throw new ShapeError(
      `${where}: \`state.S\` must hold one S per layer (${A.length}), got ${Array.isArray(S) ? S.length : describeValue(S)}`,
      "state.S",
    );
  }
  let rows = m;
  for (let l = 0; l < A.length; l++) {
    const a = A[l];
    const arg = `state.A[${l}]`;
    if (!(a instanceof Tensor) || a.shape.length !== 2) {
      throw new ArgumentTypeError(
        `${where}: \`${arg}\` (A⁽${l + 1}⁾) must be a matrix Tensor, got ${describeTensorish(a)}`,
        arg,
      );
    }
    if (a.rows !== rows) {
      throw new ShapeError(
        `${where}: \`${arg}\` (A⁽${l + 1}⁾) has shape ${formatShape(a.shape)}, expected ${rows} rows (${l === 0 ? "the rows of X" : `the columns of A⁽${l}⁾`})`,
        arg,
      );
    }
    const s = S[l];
    const sArg = `state.S[${l}]`;
    if (!(s instanceof Tensor) || s.shape.length !== 2) {
      throw new ArgumentTypeError(
        `${where}: \`${sArg}\` (S⁽${l + 1}⁾) must be a matrix Tensor, got ${describeTensorish(s)}`,
        sArg,
      );
    }
    if (s.rows !== a.cols || s.cols !== n) {
      throw new ShapeError(
        `${where}: \`${sArg}\` (S⁽${l + 1}⁾) has shape ${formatShape(s.shape)}, expected [${a.cols}, ${n}] (columns of A⁽${l + 1}⁾ × columns of X)`,
        sArg,
      );
    }
    rows = a.cols;
  }
  const kL = rows;
  if (B !== undefined) {
    if (!(B instanceof Tensor) || B.shape.length !== 2) {
      throw new ArgumentTypeError(
        `${where}: \`state.B\` must be a c×k_L matrix Tensor, got ${describeTensorish(B)}`,
        "state.B",
      );
    }
    if (B.cols !== kL) {
      throw new ShapeError(
        `${where}: \`state.B\` has shape ${formatShape(B.shape)}, expected ${kL} columns (the rank of the last layer)`,
        "state.B",
      );
    }
  }
  if (supervision !== undefined) validateSupervision(supervision, n, B, where);
  if (state.classifiers !== undefined) validateClassifiers(state, n, where);
}

/** Checks the per-level classifiers: levels in range and distinct, shapes that fit. */
function validateClassifiers(state: ModelState, n: number, where: string): void {
  const list = state.classifiers;
  if (!Array.isArray(list)) {
    throw new ArgumentTypeError(
      `${where}: \`state.classifiers\` must be an array of { level, B, supervision }, got ${describeValue(list)}`,
      "state.classifiers",
    );
  }
  const seen = new Set<number>();
  list.forEach((entry: LevelClassifier, i: number) => {
    const arg = `state.classifiers[${i}]`;
    const L = state.A.length;
    if (
      entry === null ||
      typeof entry !== "object" ||
      !Number.isInteger(entry.level) ||
      entry.level < 1 ||
      entry.level > L
    ) {
      throw new ValueError(
        `${where}: \`${arg}.level\` must be a level from 1 to ${L}, got ${describeValue(entry?.level)}`,
        `${arg}.level`,
      );
    }
    if (seen.has(entry.level)) {
      throw new ValueError(`${where}: level ${entry.level} has two classifiers`, `${arg}.level`);
    }
    seen.add(entry.level);
    const k = (state.A[entry.level - 1] as Tensor).cols;
    if (!(entry.B instanceof Tensor) || entry.B.shape.length !== 2 || entry.B.cols !== k) {
      throw new ShapeError(
        `${where}: \`${arg}.B\` must be a c×${k} matrix Tensor (the rank of level ${entry.level}), got ${describeTensorish(entry.B)}`,
        `${arg}.B`,
      );
    }
    validateSupervision(entry.supervision, n, entry.B, where);
  });
}

/** Shape checks of a supervision against the state it is used with. */
function validateSupervision(
  sup: Supervision,
  n: number,
  B: Tensor | undefined,
  where: string,
): void {
  const arg = "state.supervision";
  if (sup === null || typeof sup !== "object" || !(sup.Y instanceof Tensor)) {
    throw new ArgumentTypeError(
      `${where}: \`${arg}\` must be a Supervision (see supervisionFromLabels), got ${describeValue(sup)}`,
      arg,
    );
  }
  const c = sup.classes;
  if (sup.Y.shape.length !== 2 || sup.Y.rows !== c || sup.Y.cols !== n) {
    throw new ShapeError(
      `${where}: \`${arg}.Y\` has shape ${formatShape(sup.Y.shape)}, expected [${c}, ${n}] (classes × columns of X)`,
      `${arg}.Y`,
    );
  }
  if (!(sup.mask instanceof Tensor) || sup.mask.rows !== 1 || sup.mask.cols !== n) {
    throw new ShapeError(`${where}: \`${arg}.mask\` must have shape [1, ${n}]`, `${arg}.mask`);
  }
  if (!(sup.labels instanceof Int32Array) || sup.labels.length !== n) {
    throw new ShapeError(
      `${where}: \`${arg}.labels\` must be an Int32Array of length ${n}`,
      `${arg}.labels`,
    );
  }
  if (!(sup.known instanceof Int32Array) || sup.known.length === 0) {
    throw new ValueError(
      `${where}: \`${arg}.known\` must be a non-empty Int32Array of labelled columns`,
      `${arg}.known`,
    );
  }
  for (const j of sup.known) {
    if (j < 0 || j >= n) {
      throw new ValueError(
        `${where}: \`${arg}.known\` holds column ${j}, out of range [0, ${n})`,
        `${arg}.known`,
      );
    }
  }
  if (B !== undefined && B.rows !== c) {
    throw new ShapeError(
      `${where}: \`state.B\` has ${B.rows} rows but the supervision has ${c} classes`,
      "state.B",
    );
  }
}

function describeTensorish(value: unknown): string {
  return value instanceof Tensor
    ? `a Tensor of shape ${formatShape(value.shape)}`
    : describeValue(value);
}
