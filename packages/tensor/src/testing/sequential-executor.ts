import type { Executor, KernelTask } from "../parallel/executor.js";

/**
 * An executor that splits every call into `parts` parts like a thread pool would, but runs them
 * one after the other on this thread: the multi-part code paths (bounds, per-part blocks, their
 * reduction) are tested deterministically and without workers. Records the kernels it ran.
 *
 * @example
 * ```ts
 * const ex = sequentialExecutor(3);
 * const split = withExecutor(ex, () => X.leftMultiplyTransposed(a, k));
 * ex.calls; // ["tensor/csc-atx"]
 * ```
 */
export function sequentialExecutor(parts: number): Executor & { calls: string[] } {
  const calls: string[] = [];
  return {
    threads: parts,
    calls,
    run(task: KernelTask) {
      calls.push(task.kernel.name);
      for (let p = 0; p + 1 < task.bounds.length; p++) {
        task.kernel.run(task.arrays, task.scalars, task.bounds[p]!, task.bounds[p + 1]!, p);
      }
    },
    allocate: (length) => new Float64Array(length),
  };
}
