import { reconstructionLoss } from "@neural-nmf/losses";
import { CscMatrix } from "@neural-nmf/tensor";
import { bench, describe } from "vitest";
import { NeuralNMF, syntheticHierarchy } from "../src/index.js";

// Cost of training epochs on the paper-shaped synthetic data (87 × 90): 50 epochs of plain
// projected gradient (one forward + backward per epoch, like the reference) and of the default
// SPG trainer, for 1, 2 and 3 layers; and the sparse path on the same data.
const { X } = syntheticHierarchy({ seed: 1 });
const sparse = CscMatrix.fromDense(X);
const loss = reconstructionLoss({ reduction: "mean" });

for (const ranks of [[9], [9, 4], [9, 4, 2]]) {
  describe(`50 epochs, ranks ${ranks.join(",")}`, () => {
    bench("projected gradient (reference's work per epoch)", () => {
      new NeuralNMF({ ranks, seed: 1, init: "random" }).fit(X, {
        maxEpochs: 50,
        tolerance: 0,
        optimizer: "pgd",
        learningRate: 1,
        loss,
      });
    });
    bench("default trainer (SPG)", () => {
      new NeuralNMF({ ranks, seed: 1, init: "random" }).fit(X, { maxEpochs: 50, tolerance: 0 });
    });
    bench("default trainer, sparse input", () => {
      new NeuralNMF({ ranks, seed: 1, init: "random" }).fit(sparse, {
        maxEpochs: 50,
        tolerance: 0,
      });
    });
  });
}
