import { allocateFloat64, Tensor } from "@neural-nmf/tensor";
import { diffAll, dotAll, maxAbsAll, projectedStep } from "./projection.js";
import type { Evaluation, Objective, Optimizer, StepResult } from "./types.js";

/** Options of the spectral projected gradient optimiser. */
export interface SpgOptions {
  /** How many past values the nonmonotone line search compares against. Default 10. */
  memory?: number;
  /** Sufficient-decrease constant of the Armijo test. Default 1e-4. */
  sufficientDecrease?: number;
  /** Most backtracking halvings per step. Default 30. */
  maxBacktracks?: number;
}

/**
 * Spectral projected gradient (Birgin, Martínez & Raydan): Barzilai–Borwein step sizes (one per
 * parameter tensor) on the projected gradient with a nonmonotone Armijo backtracking line search. It needs no step-size
 * tuning — the step adapts to the scale of the data and of the loss (sum or mean), which is why
 * it is the default: the reference implementation needs learning rates from 1 to 1e10
 * depending on the data set.
 */
export function spg(nonnegative: readonly boolean[], options: SpgOptions = {}): Optimizer {
  const memory = options.memory ?? 10;
  const sigma = options.sufficientDecrease ?? 1e-4;
  const maxBacktracks = options.maxBacktracks ?? 30;
  const history: number[] = [];
  // One Barzilai–Borwein step per parameter tensor: the A's of different layers and the
  // classifier B live on very different scales, and a single step size would be set by the
  // stiffest of them.
  let alphas: number[] | null = null;
  // Barzilai–Borwein steps are kept within 1e±20 of each parameter's first step: bounds relative
  // to the problem, since the steps scale as 1/(scale of the data)² (absolute bounds of 1e±30
  // clipped them for data beyond 1e15 and stalled training).
  let lower: number[] = [];
  let upper: number[] = [];
  return {
    name: "spg",
    step(params: Tensor[], current: Evaluation, objective: Objective): StepResult {
      if (alphas === null) {
        // First step: move each parameter by about 1% of its scale along its gradient (of all
        // parameters' scale when this one is still zero, e.g. a classifier starting at 0).
        const overall = maxAbsAll(params);
        alphas = params.map((p, i) => {
          const g = maxAbsAll([current.grads[i] as Tensor]);
          const size = maxAbsAll([p]) || overall;
          return g > 0 && size > 0 ? (0.01 * size) / g : 1;
        });
        lower = alphas.map((a) => a * 1e-20);
        upper = alphas.map((a) => a * 1e20);
      }
      const alpha = alphas;
      history.push(current.value);
      if (history.length > memory) history.shift();
      const reference = Math.max(...history);
      const target = params.map(
        (p, i) =>
          projectedStep([p], [current.grads[i] as Tensor], alpha[i] as number, [
            nonnegative[i] === true,
          ])[0] as Tensor,
      );
      const direction = diffAll(target, params); // d = P(x − αg) − x
      const slope = dotAll(current.grads, direction); // gᵀd ≤ 0
      let lambda = 1;
      let evaluations = 0;
      let trial: Tensor[] = target;
      let evaluation: Evaluation = current;
      let anyFinite = false;
      for (let t = 0; ; t++) {
        evaluation = objective(trial);
        evaluations++;
        if (Number.isFinite(evaluation.value)) anyFinite = true;
        if (
          Number.isFinite(evaluation.value) &&
          evaluation.value <= reference + sigma * lambda * slope
        ) {
          break;
        }
        // Nowhere finite: hand the non-finite point back, for the trainer to stop on it.
        if (t >= maxBacktracks && !anyFinite) break;
        if (t >= maxBacktracks) {
          // No acceptable point along the direction, even a tiny step away (the loss may jump
          // where an NNLS layer becomes ill conditioned): stay put rather than take a step that
          // made things worse, and start the next direction from much smaller steps.
          alphas = alpha.map((a, i) => Math.max(lower[i] as number, a * 1e-3));
          return { params, evaluation: current, stepSize: 0, evaluations };
        }
        lambda *= 0.5;
        trial = params.map((p, i) => {
          const d = (direction[i] as Tensor).data;
          const out = allocateFloat64(p.data.length);
          for (let k = 0; k < out.length; k++)
            out[k] = (p.data[k] as number) + lambda * (d[k] as number);
          return new Tensor(out, p.shape);
        });
      }
      const s = diffAll(trial, params);
      const y = diffAll(evaluation.grads, current.grads);
      const used = (alpha[0] as number) * lambda;
      alphas = alpha.map((a, i) => {
        const si = [s[i] as Tensor];
        const sy = dotAll(si, [y[i] as Tensor]);
        const ss = dotAll(si, si);
        if (ss === 0) return a;
        const hi = upper[i] as number;
        return sy > 0 ? Math.min(hi, Math.max(lower[i] as number, ss / sy)) : Math.min(hi, a * 10);
      });
      return { params: trial, evaluation, stepSize: used, evaluations };
    },
  };
}
