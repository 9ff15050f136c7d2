import { labelledColumns, type Supervision } from "@neural-nmf/losses";
import {
  inner,
  logSoftmax,
  matmul,
  neg,
  stopGradient,
  Tensor,
  valueAndGrad,
} from "@neural-nmf/tensor";
import { spg } from "./optim/index.js";
import type { Objective } from "./optim/types.js";

/**
 * A classifier B (c×k) fitted to fixed codes S (k×n) of the labelled columns by softmax
 * regression: `iterations` steps of the spectral projected gradient from B = 0 (no randomness),
 * minimising the cross-entropy of `B S` over the labelled columns. Starting training from it,
 * rather than from a random B, makes the classification term pull the layers toward separating
 * the classes from the first epoch instead of spending epochs fitting B.
 */
export function fitClassifierOnCodes(
  s: Tensor,
  supervision: Supervision,
  iterations = 100,
): Tensor {
  const codes = stopGradient(labelledColumns(s, supervision));
  const y = labelledColumns(supervision.Y, supervision);
  const c = supervision.classes;
  const k = s.rows;
  const f = valueAndGrad((b: Tensor) => neg(inner(y, logSoftmax(matmul(b, codes), 0))));
  const objective: Objective = ([b]) => {
    const r = f(b as Tensor);
    return { value: r.value, grads: r.grads, terms: {} };
  };
  const optimizer = spg([false]);
  let params = [new Tensor(new Float64Array(c * k), [c, k])];
  let current = objective(params);
  for (let t = 0; t < iterations; t++) {
    const step = optimizer.step(params, current, objective, t);
    if (!Number.isFinite(step.evaluation.value)) break;
    const improvement = current.value - step.evaluation.value;
    params = step.params;
    current = step.evaluation;
    if (improvement <= 1e-9 * Math.abs(current.value)) break;
  }
  return params[0] as Tensor;
}
