import { ValueError } from "@neural-nmf/tensor";
import { availableThreads, MAX_THREADS } from "@neural-nmf/threads";
import type { SolverOptions } from "./forward.js";

/** How the layer matrices start. */
export type InitMethod = "pretrain" | "nndsvd" | "random";

/** Options of the {@link NeuralNMF} constructor. */
export interface NeuralNMFOptions {
  /** Ranks k₁ > k₂ > … > k_L of the layers (the input size comes from the data). */
  ranks: readonly number[];
  /** Seed of every random choice (initialisation, classifier). Same seed, same model. */
  seed: number;
  /**
   * Initialisation (default `"pretrain"`): `"random"` draws A uniformly on [0, 1) as the
   * reference does; `"nndsvd"` uses NNDSVDa of each layer's input; `"pretrain"` starts from
   * NNDSVDa and fits each layer by alternating NNLS on the layer below before the whole stack
   * is fine-tuned by backpropagation — the reliable choice, since random starts stall in poor
   * local minima.
   */
  init?: InitMethod;
  /**
   * Start of the pre-training (default `"nndsvd"`: deterministic, NNDSVD of each layer's input);
   * `"random"` draws the start from the seed, so different seeds explore different starts.
   */
  pretrainStart?: "nndsvd" | "random";
  /** Alternations per layer of the pre-training (default 100). */
  pretrainIterations?: number;
  /** NNLS solver settings of every layer. */
  solver?: SolverOptions;
  /**
   * Threads the column-wise work (sparse products, NNLS solves, the backward pass) runs on,
   * the calling one included. Default: every core (`os.availableParallelism()` in Node,
   * `navigator.hardwareConcurrency` in browsers). Results are the same for any count up to the
   * rounding of the sparse products' partial sums (see the package README). 1 runs everything on
   * the calling thread. Where workers cannot be used (a browser page's main thread, a page that is
   * not cross-origin isolated) training falls back to one thread; `threadsUsed` tells.
   */
  threads?: number;
}

/** Validates the constructor options and returns them with defaults filled in. */
export function resolveOptions(
  options: NeuralNMFOptions,
): Required<Omit<NeuralNMFOptions, "solver">> & { solver: SolverOptions } {
  if (options === null || typeof options !== "object") {
    throw new ValueError("NeuralNMF: options `{ ranks, seed }` are required", "options");
  }
  const { ranks, seed } = options;
  if (!Array.isArray(ranks) || ranks.length === 0) {
    throw new ValueError(
      "NeuralNMF: option `ranks` must be a non-empty array such as [9, 4, 2]",
      "ranks",
    );
  }
  ranks.forEach((r, l) => {
    if (!Number.isInteger(r) || r < 1) {
      throw new ValueError(`NeuralNMF: ranks[${l}] = ${r} must be a positive integer`, "ranks");
    }
    if (l > 0 && r >= (ranks[l - 1] as number)) {
      throw new ValueError(
        `NeuralNMF: ranks must decrease strictly, got ${ranks[l - 1]} then ${r} (${JSON.stringify(ranks)})`,
        "ranks",
      );
    }
  });
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new ValueError(
      `NeuralNMF: option \`seed\` must be a finite number, got ${String(seed)}`,
      "seed",
    );
  }
  const init = options.init ?? "pretrain";
  if (!["pretrain", "nndsvd", "random"].includes(init)) {
    throw new ValueError(
      `NeuralNMF: option \`init\` must be "pretrain", "nndsvd" or "random", got ${String(init)}`,
      "init",
    );
  }
  const pretrainStart = options.pretrainStart ?? "nndsvd";
  if (pretrainStart !== "nndsvd" && pretrainStart !== "random") {
    throw new ValueError(
      `NeuralNMF: option \`pretrainStart\` must be "nndsvd" or "random", got ${String(pretrainStart)}`,
      "pretrainStart",
    );
  }
  const pretrainIterations = options.pretrainIterations ?? 100;
  if (!Number.isInteger(pretrainIterations) || pretrainIterations < 0) {
    throw new ValueError(
      `NeuralNMF: option \`pretrainIterations\` must be an integer ≥ 0`,
      "pretrainIterations",
    );
  }
  const threads = options.threads ?? availableThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new ValueError(
      `NeuralNMF: option \`threads\` must be an integer from 1 to ${MAX_THREADS}, got ${String(options.threads)}`,
      "threads",
    );
  }
  return {
    threads,
    ranks: [...ranks],
    seed,
    init,
    pretrainStart,
    pretrainIterations,
    solver: { ...(options.solver ?? {}) },
  };
}
