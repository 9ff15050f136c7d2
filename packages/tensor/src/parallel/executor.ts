/**
 * The seam between column-wise kernels and whatever runs them: an {@link Executor} runs one
 * kernel on a few disjoint index ranges ("parts") and returns when all are done. The core
 * packages only ever call `currentExecutor().run(…)`; the in-thread executor here runs the parts
 * one after the other, and `@neural-nmf/threads` supplies one that runs them on worker threads
 * (Node) or Web Workers (browsers) over shared memory. The autodiff graph stays on one thread and
 * never sees the difference.
 * @module
 */

/** Typed arrays a kernel may read or write. */
export type KernelArray = Float64Array | Int32Array | Uint8Array;

/**
 * A kernel: a pure function of typed arrays and numbers that handles the index range
 * `[start, end)` (columns, rows, or whatever the kernel documents) of part `part`. Parts of one
 * call must write disjoint memory; a kernel may write per-part results at offsets given by `part`.
 */
export type KernelFunction = (
  arrays: Readonly<Record<string, KernelArray>>,
  scalars: Readonly<Record<string, number>>,
  start: number,
  end: number,
  part: number,
) => void;

/** A named kernel: the name is how a worker finds its own copy of the function. */
export interface Kernel {
  /** Unique name, `<package>/<kernel>`, looked up in the worker's kernel table. */
  readonly name: string;
  readonly run: KernelFunction;
}

/** One call of a kernel over `bounds.length − 1` parts. */
export interface KernelTask {
  readonly kernel: Kernel;
  /** Every array the kernel reads or writes, by name. */
  readonly arrays: Readonly<Record<string, KernelArray>>;
  /** Names of the arrays the kernel writes (copied back when they could not be shared). */
  readonly outputs: readonly string[];
  /**
   * Names of arrays that never change while they exist (the data X): an executor may copy them
   * to shared memory once and reuse the copy on later calls.
   */
  readonly constants?: readonly string[];
  readonly scalars: Readonly<Record<string, number>>;
  /** Part p covers `[bounds[p], bounds[p+1])`; nondecreasing. */
  readonly bounds: ArrayLike<number>;
}

/** Runs kernels on `threads` parts at once. */
export interface Executor {
  /** How many parts run at once (1 for the in-thread executor). */
  readonly threads: number;
  /** Runs every part of the task and returns when all are done; rethrows a part's error. */
  run(task: KernelTask): void;
  /**
   * Allocates a zeroed Float64Array that every thread can read and write (shared memory when
   * the executor uses workers), so outputs need no copy.
   */
  allocate(length: number): Float64Array;
}

/** Runs every part on the calling thread, in order. Always available, in every environment. */
export const inThreadExecutor: Executor = {
  threads: 1,
  run(task: KernelTask): void {
    const { bounds } = task;
    for (let p = 0; p + 1 < bounds.length; p++) {
      task.kernel.run(task.arrays, task.scalars, bounds[p] as number, bounds[p + 1] as number, p);
    }
  },
  allocate(length: number): Float64Array {
    return new Float64Array(length);
  },
};

let current: Executor = inThreadExecutor;

/** The executor kernels run on right now (the in-thread one unless inside {@link withExecutor}). */
export function currentExecutor(): Executor {
  return current;
}

/**
 * Runs `body` with `executor` as the {@link currentExecutor} and restores the previous one after,
 * also when `body` throws. Scoped this way (not passed through every call) so that user-defined
 * losses and ops built on the library's kernels use the threads without knowing about them.
 */
export function withExecutor<T>(executor: Executor, body: () => T): T {
  const previous = current;
  current = executor;
  try {
    return body();
  } finally {
    current = previous;
  }
}

/**
 * A zeroed Float64Array from the {@link currentExecutor}: in shared memory when it runs workers,
 * so kernels read and write it without copies. For buffers that kernels will touch.
 */
export function allocateFloat64(length: number): Float64Array {
  return current.allocate(length);
}

/** `parts + 1` bounds splitting `[0, total)` into `parts` ranges of (nearly) equal length. */
export function evenBounds(total: number, parts: number): Int32Array {
  const p = Math.max(1, Math.min(parts, total || 1));
  const bounds = new Int32Array(p + 1);
  for (let i = 0; i <= p; i++) bounds[i] = Math.round((i * total) / p);
  return bounds;
}

/**
 * Bounds splitting the items of a prefix-sum array (`prefix[i]` = cost of items 0..i−1, length
 * items + 1) into `parts` ranges of about equal cost, e.g. columns of a sparse matrix by their
 * nonzeros (`prefix = colPtr`) plus a per-item constant `perItem`.
 */
export function weightedBounds(prefix: Int32Array, parts: number, perItem = 0): Int32Array {
  const items = prefix.length - 1;
  const p = Math.max(1, Math.min(parts, items || 1));
  const bounds = new Int32Array(p + 1);
  const costOf = (i: number): number => (prefix[i] as number) + perItem * i;
  const total = costOf(items);
  let i = 0;
  for (let part = 1; part < p; part++) {
    const target = (part * total) / p;
    while (i < items && costOf(i) < target) i++;
    bounds[part] = i;
  }
  bounds[p] = items;
  return bounds;
}
