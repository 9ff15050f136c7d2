import { type CscMatrix, randNormal, randUniform, type Tensor } from "@neural-nmf/tensor";
import {
  evaluateLoss,
  type Loss,
  type ModelState,
  type Supervision,
  supervisionFromLabels,
} from "../src/index.js";

/** Sizes of a random test state: m rows, ranks k₁ > k₂ …, n columns, c classes. */
export interface StateSizes {
  m: number;
  ranks: readonly number[];
  n: number;
  classes: number;
}

export const SIZES: StateSizes = { m: 7, ranks: [4, 3], n: 6, classes: 3 };

/**
 * A random state: X, A's and S's uniform in [0.1, 1) (positive, away from the kink of |·| and
 * the projection), B normal, labels 0..c−1 with columns 1 and 4 unlabelled.
 */
export function randomState(
  seed: number,
  sizes: StateSizes = SIZES,
): Required<Omit<ModelState, "classifiers">> & {
  X: Tensor;
  supervision: Supervision;
} {
  const { m, ranks, n, classes } = sizes;
  const X = randUniform(m, n, { seed, low: 0.1 });
  const A: Tensor[] = [];
  const S: Tensor[] = [];
  let rows = m;
  ranks.forEach((k, l) => {
    A.push(randUniform(rows, k, { seed: seed + 10 + l, low: 0.1 }));
    S.push(randUniform(k, n, { seed: seed + 20 + l, low: 0.1 }));
    rows = k;
  });
  const B = randNormal(classes, ranks[ranks.length - 1]!, { seed: seed + 30 });
  const labels = Array.from({ length: n }, (_, j) =>
    j === 1 || j === 4 ? -1 : (j * 7 + seed) % classes,
  );
  const supervision = supervisionFromLabels(labels, { classes });
  return { X, A, S, B, supervision };
}

/**
 * The loss as a function of (A⁽¹⁾…A⁽ᴸ⁾, S⁽¹⁾…S⁽ᴸ⁾, B), the form gradCheck and valueAndGrad need.
 */
export function asFunction(
  loss: Loss,
  base: { X: Tensor | CscMatrix; supervision?: Supervision },
  depth: number,
): (...inputs: Tensor[]) => Tensor {
  return (...inputs: Tensor[]) => {
    const A = inputs.slice(0, depth);
    const S = inputs.slice(depth, 2 * depth);
    const B = inputs[2 * depth];
    const state: ModelState =
      B === undefined
        ? { X: base.X, A, S, ...(base.supervision ? { supervision: base.supervision } : {}) }
        : { X: base.X, A, S, B, ...(base.supervision ? { supervision: base.supervision } : {}) };
    return evaluateLoss(loss, state).total;
  };
}

/** The inputs of {@link asFunction} for a state. */
export function inputsOf(state: {
  A: readonly Tensor[];
  S: readonly Tensor[];
  B?: Tensor;
}): Tensor[] {
  return [...state.A, ...state.S, ...(state.B ? [state.B] : [])];
}

/** Relative difference of two arrays in the max norm. */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(a[i] as number), Math.abs(b[i] as number));
  }
  return scale === 0 ? diff : diff / scale;
}
