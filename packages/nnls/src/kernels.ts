import type { Kernel } from "@neural-nmf/tensor";
import { supportSolveKernel } from "./op/backward.js";
import { solveColumnsKernel } from "./solver/core.js";

/**
 * Every kernel of this package, by name: a worker pool registers them (next to the tensor
 * package's) so the solver and the backward pass run on its threads.
 */
export const nnlsKernels: readonly Kernel[] = [solveColumnsKernel, supportSolveKernel];
