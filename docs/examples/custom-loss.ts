import {
  combine,
  evaluateLoss,
  factorProduct,
  type Loss,
  reconstructionLoss,
  weighted,
} from "@neural-nmf/losses";
import {
  ArgumentTypeError,
  matmul,
  mul,
  randUniform,
  square,
  sub,
  sum,
  Tensor,
} from "@neural-nmf/tensor";
import { gradCheck } from "@neural-nmf/tensor/testing";
import { NeuralNMF, syntheticHierarchy } from "neural-nmf";

/**
 * Σ_j w_j ‖x_j − A⁽¹⁾⋯A⁽ᴸ⁾ s⁽ᴸ⁾_j‖²: a reconstruction loss in which document j counts w_j times
 * (say, to down-weight near-duplicates). Written only with differentiable ops of the tensor API.
 */
export function weightedReconstruction(weights: readonly number[]): Loss {
  const w = Tensor.fromTypedArray(Float64Array.from(weights), [1, weights.length]);
  return {
    name: "weightedReconstruction",
    compute: ({ X, A, S }) => {
      if (!(X instanceof Tensor)) {
        throw new ArgumentTypeError("weightedReconstruction: X must be dense", "X");
      }
      const residual = sub(X, matmul(factorProduct(A), S[S.length - 1]!));
      return sum(mul(square(residual), w)); // the 1×n row of weights broadcasts over the rows
    },
  };
}

export function main() {
  const { X } = syntheticHierarchy({ seed: 1 }); // 87 × 90
  const weights = Array.from({ length: X.cols }, (_, j) => (j % 2 === 0 ? 1 : 0.5));
  const loss = weightedReconstruction(weights);

  // 1. Check the gradient against central differences before training with it. The loss is
  //    quadratic, so a large step h = 1e-3 only reduces the rounding error of the differences.
  const A = randUniform(X.rows, 4, { seed: 2 });
  const S = randUniform(4, X.cols, { seed: 3 });
  const objective = (a: Tensor, s: Tensor) => evaluateLoss(loss, { X, A: [a], S: [s] }).total;
  const check = gradCheck(objective, [A, S], { eps: 1e-3 });

  // 2. Train with it, next to a built-in weighted by 0.1 (weighted() works for any loss).
  const trained = new NeuralNMF({ ranks: [9, 4], seed: 1 });
  const history = trained.fit(X, {
    loss: combine(loss, weighted(reconstructionLoss({ level: 1 }), 0.1)),
    maxEpochs: 300,
  });
  const last = history.epochs.at(-1)!;
  console.log(check.ok, history.initialLoss, "→", last.loss, Object.keys(last.terms));
  return { check, history, errors: trained.relativeError(X) };
}
