import { checkOptions, type OptionSpec, ValueError } from "@neural-nmf/tensor";
import { availableThreads, MAX_THREADS } from "@neural-nmf/threads";
import type { SolverOptions } from "./forward.js";

/** How the layer matrices start (see {@link NeuralNMFOptions.init}). */
export type InitMethod = "pretrain" | "pretrain-random" | "nndsvd" | "random";

/** Every {@link InitMethod}. */
export const INIT_METHODS: readonly InitMethod[] = [
  "pretrain",
  "pretrain-random",
  "nndsvd",
  "random",
];

/** Options of the {@link NeuralNMF} constructor. */
export interface NeuralNMFOptions {
  /** Ranks k₁ > k₂ > … > k_L of the layers (the input size comes from the data). */
  ranks: readonly number[];
  /** Seed of every random choice (initialisation, classifier). Same seed, same model. */
  seed: number;
  /**
   * Initialisation (default `"pretrain"`):
   * - `"pretrain"` fits each layer by alternating NNLS on the layer below, starting from NNDSVD
   *   of that layer's input (zeros kept, columns scaled to unit norm), before the whole stack is
   *   fine-tuned by backpropagation — the reliable choice. NNDSVD is deterministic up to the
   *   seeded range finder of its randomised SVD, so seeds give (nearly) the same start;
   * - `"pretrain-random"` pre-trains the same way from seeded random starts (several, ranked by
   *   the level's error), so different seeds explore different starts;
   * - `"nndsvd"` uses NNDSVD of each layer's input without pre-training;
   * - `"random"` draws A uniformly on [0, 1) as the reference does (random starts without
   *   pre-training stall in poor local minima; kept for comparison).
   */
  init?: InitMethod;
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

/** The constraints of every constructor option (ranks are checked on their own). */
export const MODEL_OPTION_SPEC: OptionSpec = {
  ranks: { kind: "any" },
  seed: { kind: "number" },
  init: { kind: "enum", values: INIT_METHODS },
  pretrainIterations: { kind: "integer", min: 0, max: 1_000_000 },
  solver: { kind: "any" },
  threads: { kind: "integer", min: 1, max: MAX_THREADS },
};

/** The constraints of the NNLS solver settings. */
export const SOLVER_OPTION_SPEC: OptionSpec = {
  tolerance: { kind: "number", min: 0, max: 1, exclusiveMin: true },
  maxIterations: { kind: "integer", min: 1, max: 1_000_000 },
};

/** Largest rank accepted (a layer is k_{l−1} × k_l dense, and solves cost k³ per support). */
export const MAX_RANK = 10_000;

/** Validates the constructor options and returns them with defaults filled in. */
export function resolveOptions(
  options: NeuralNMFOptions,
): Required<Omit<NeuralNMFOptions, "solver">> & { solver: SolverOptions } {
  if (options === null || typeof options !== "object") {
    throw new ValueError("NeuralNMF: options `{ ranks, seed }` are required", "options");
  }
  checkOptions<NeuralNMFOptions>(options, MODEL_OPTION_SPEC, "NeuralNMF");
  const { ranks, seed } = options;
  if (!Array.isArray(ranks) || ranks.length === 0) {
    throw new ValueError(
      "NeuralNMF: option `ranks` must be a non-empty array such as [9, 4, 2]",
      "ranks",
    );
  }
  ranks.forEach((r, l) => {
    if (!Number.isInteger(r) || r < 1 || r > MAX_RANK) {
      throw new ValueError(
        `NeuralNMF: ranks[${l}] = ${String(r)} must be an integer from 1 to ${MAX_RANK}`,
        "ranks",
      );
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
  const solver = checkOptions<SolverOptions>(
    options.solver,
    SOLVER_OPTION_SPEC,
    "NeuralNMF: solver",
  );
  return {
    threads: options.threads ?? availableThreads(),
    ranks: [...ranks],
    seed,
    init: options.init ?? "pretrain",
    pretrainIterations: options.pretrainIterations ?? 100,
    solver: { ...solver },
  };
}
