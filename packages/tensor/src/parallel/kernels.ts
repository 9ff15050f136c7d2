import { gramKernel } from "../kernels/gram.js";
import { wideKernels } from "../kernels/wide.js";
import { sparseKernels } from "../sparse/kernels.js";
import type { Kernel } from "./executor.js";

/**
 * Every kernel of this package, by name: what a worker pool's kernel table starts from (the
 * workers look kernels up by name, since functions cannot be sent between threads).
 */
export const tensorKernels: readonly Kernel[] = [...sparseKernels, ...wideKernels, gramKernel];
