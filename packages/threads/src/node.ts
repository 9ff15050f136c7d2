/**
 * `@neural-nmf/threads` for Node: a pool of `worker_threads` sharing memory with the main
 * thread. (Browsers get `browser.ts` through the package's `exports` conditions.)
 * @packageDocumentation
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { checkThreads, SharedMemoryPool, type ThreadPool } from "./pool.js";

export { MAX_THREADS, type ThreadPool } from "./pool.js";

/** Options of {@link createThreadPool}. */
export interface ThreadPoolOptions {
  /** Threads in all, the calling one included (default {@link availableThreads}). */
  threads?: number;
}

/** Cores this process may use (`os.availableParallelism()`). */
export function availableThreads(): number {
  return availableParallelism();
}

/**
 * Why a pool cannot use workers here, or null when it can. In Node workers always work (Node ≥ 20
 * has `SharedArrayBuffer` and lets the main thread block in `Atomics.wait`).
 */
export function threadPoolUnavailableReason(): string | null {
  return typeof SharedArrayBuffer === "undefined" ? "SharedArrayBuffer is not available" : null;
}

/**
 * A pool of `threads − 1` worker threads plus the calling thread. The workers do not keep the
 * process alive (they are `unref`'d), so a program may simply end; `close()` stops them earlier.
 * Workers start in the background; the first kernel call waits until they are ready.
 * @throws {@link ValueError} for a thread count that is not an integer from 1 to {@link MAX_THREADS}.
 */
export function createThreadPool(options: ThreadPoolOptions = {}): ThreadPool {
  const threads = checkThreads(options.threads ?? availableThreads(), "createThreadPool");
  const workers = Array.from({ length: threads - 1 }, () => {
    const w = new Worker(new URL("./worker-node.js", import.meta.url));
    w.unref();
    return w;
  });
  return new SharedMemoryPool(workers);
}

const pools = new Map<number, ThreadPool>();

/**
 * One pool per thread count for the whole process, created on first use and reused by every model
 * (starting workers costs about 50 ms and some memory each, so fits should not each make their own).
 */
export function sharedThreadPool(threads: number = availableThreads()): ThreadPool {
  const t = checkThreads(threads, "sharedThreadPool");
  let pool = pools.get(t);
  if (pool === undefined) {
    pool = createThreadPool({ threads: t });
    pools.set(t, pool);
  }
  return pool;
}
