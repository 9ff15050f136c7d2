import { Tensor } from "@neural-nmf/tensor";
import { type LearningRate, learningRateAt } from "./schedule.js";
import type { Evaluation, Objective, Optimizer, StepResult } from "./types.js";

/** Options of {@link adam}. */
export interface AdamOptions {
  /** Step size, constant or a schedule such as {@link stepDecay}. */
  learningRate: LearningRate;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Adam (Kingma & Ba) followed by the projection of the nonnegative parameters onto `≥ 0`. */
export function adam(nonnegative: readonly boolean[], options: AdamOptions): Optimizer {
  const b1 = options.beta1 ?? 0.9;
  const b2 = options.beta2 ?? 0.999;
  const eps = options.epsilon ?? 1e-8;
  let m: Float64Array[] | null = null;
  let v: Float64Array[] | null = null;
  let t = 0;
  return {
    name: "adam",
    step(params: Tensor[], current: Evaluation, objective: Objective, epoch: number): StepResult {
      const lr = learningRateAt(options.learningRate, epoch);
      if (m === null || v === null) {
        m = params.map((p) => new Float64Array(p.data.length));
        v = params.map((p) => new Float64Array(p.data.length));
      }
      t++;
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      const next = params.map((p, i) => {
        const g = (current.grads[i] as Tensor).data;
        const mi = (m as Float64Array[])[i] as Float64Array;
        const vi = (v as Float64Array[])[i] as Float64Array;
        const out = new Float64Array(p.data.length);
        for (let k = 0; k < out.length; k++) {
          const gk = g[k] as number;
          mi[k] = b1 * (mi[k] as number) + (1 - b1) * gk;
          vi[k] = b2 * (vi[k] as number) + (1 - b2) * gk * gk;
          const val =
            (p.data[k] as number) -
            (lr * ((mi[k] as number) / c1)) / (Math.sqrt((vi[k] as number) / c2) + eps);
          out[k] = nonnegative[i] && val < 0 ? 0 : val;
        }
        return new Tensor(out, p.shape);
      });
      return { params: next, evaluation: objective(next), stepSize: lr, evaluations: 1 };
    },
  };
}
