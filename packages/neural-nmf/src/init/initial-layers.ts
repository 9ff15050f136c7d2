/**
 * The starting layer matrices of a model, by its `init` method (see `NeuralNMFOptions.init`).
 * @module
 */
import { Random, Tensor } from "@neural-nmf/tensor";
import type { Data } from "../data.js";
import { relativeErrorOf } from "../evaluate.js";
import { forwardPass, type SolverOptions, topicProducts } from "../forward.js";
import type { InitMethod } from "../options.js";
import { layerInitSeed } from "../seeds.js";
import { nndsvd } from "./nndsvd.js";
import { pretrainLayer, unitColumns } from "./pretrain.js";

/** What the initialisation reads from the model's options. */
export interface InitialLayersOptions {
  readonly ranks: readonly number[];
  readonly seed: number;
  readonly init: InitMethod;
  readonly pretrainIterations: number;
  readonly solver: SolverOptions;
}

/**
 * A⁽¹⁾ … A⁽ᴸ⁾ to start training from. Each layer is fitted to the codes of the one below it
 * (layer 1 to X), except with `"random"`, which draws every A uniformly on [0, 1). Pre-training
 * ranks the random starts of layers above the first by their level's error in the space of X, not
 * by their fit to the codes below, since that is what the trained model is judged on.
 */
export function initialLayers(x: Data, options: InitialLayersOptions): Tensor[] {
  const { ranks, seed, init, pretrainIterations, solver } = options;
  const rng = new Random(seed);
  const layers: Tensor[] = [];
  let input: Data = x;
  ranks.forEach((k, l) => {
    const rows = l === 0 ? x.rows : (ranks[l - 1] as number);
    let a: Tensor;
    if (init === "random") {
      a = new Tensor(rng.fillUniform(new Float64Array(rows * k)), [rows, k]);
    } else if (init === "nndsvd") {
      a = unitColumns(nndsvd(input, k, { fill: "zero", seed: layerInitSeed(seed, l) }));
    } else {
      const below = [...layers];
      a = pretrainLayer(input, k, {
        seed: layerInitSeed(seed, l),
        start: init === "pretrain-random" ? "random" : "nndsvd",
        iterations: pretrainIterations,
        ...(l > 0
          ? {
              score: (candidate: Tensor) => {
                const chain = [...below, candidate];
                const s = forwardPass(x, chain, null, solver);
                return relativeErrorOf(
                  x,
                  topicProducts(chain).at(-1) as Tensor,
                  s.at(-1) as Tensor,
                );
              },
            }
          : {}),
      }).A;
    }
    layers.push(a);
    if (l < ranks.length - 1 && init !== "random") {
      input = forwardPass(input, [a], null, solver)[0] as Tensor;
    }
  });
  return layers;
}
