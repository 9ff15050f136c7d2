/**
 * `@neural-nmf/threads` for browsers: a pool of module Web Workers sharing memory with the
 * thread that trains. Shared memory needs a cross-origin isolated page (COOP/COEP headers), and
 * waiting for the workers needs a thread that may block, i.e. a worker: on the page's main thread,
 * or without isolation, the pool runs on the calling thread and says why in `fallbackReason`.
 * @packageDocumentation
 */
import { checkThreads, inThreadPool, SharedMemoryPool, type ThreadPool } from "./pool.js";

export { MAX_THREADS, type ThreadPool } from "./pool.js";

/** Options of {@link createThreadPool}. */
export interface ThreadPoolOptions {
  /** Threads in all, the calling one included (default {@link availableThreads}). */
  threads?: number;
}

interface BrowserGlobals {
  navigator?: { hardwareConcurrency?: number };
  crossOriginIsolated?: boolean;
  document?: unknown;
  Worker?: new (
    url: URL,
    options: { type: "module" },
  ) => {
    postMessage(message: unknown): void;
    terminate(): void;
  };
}

const g = globalThis as unknown as BrowserGlobals;

/** Logical processors reported by the browser (`navigator.hardwareConcurrency`, else 1). */
export function availableThreads(): number {
  return Math.max(1, g.navigator?.hardwareConcurrency ?? 1);
}

/** Why a pool cannot use workers here, or null when it can. */
export function threadPoolUnavailableReason(): string | null {
  if (typeof SharedArrayBuffer === "undefined" || g.crossOriginIsolated === false) {
    return "shared memory needs a cross-origin isolated page (COOP/COEP headers)";
  }
  if (g.document !== undefined) {
    return "the page's main thread may not block; train inside a Web Worker to use threads";
  }
  if (g.Worker === undefined) return "Web Workers are not available";
  return null;
}

/**
 * A pool of `threads − 1` module Web Workers plus the calling thread, or, where the browser
 * does not allow it (see {@link threadPoolUnavailableReason}), a one-thread stand-in whose
 * `fallbackReason` says why.
 * @throws {@link ValueError} for a thread count that is not an integer from 1 to {@link MAX_THREADS}.
 */
export function createThreadPool(options: ThreadPoolOptions = {}): ThreadPool {
  const threads = checkThreads(options.threads ?? availableThreads(), "createThreadPool");
  const reason = threadPoolUnavailableReason();
  if (threads === 1 || reason !== null) return inThreadPool(reason ?? "one thread requested");
  const WorkerClass = g.Worker as NonNullable<BrowserGlobals["Worker"]>;
  const workers = Array.from(
    { length: threads - 1 },
    () => new WorkerClass(new URL("./worker-browser.js", import.meta.url), { type: "module" }),
  );
  return new SharedMemoryPool(workers);
}

const pools = new Map<number, ThreadPool>();

/** One pool per thread count for the whole page or worker, created on first use. */
export function sharedThreadPool(threads: number = availableThreads()): ThreadPool {
  const t = checkThreads(threads, "sharedThreadPool");
  let pool = pools.get(t);
  if (pool === undefined) {
    pool = createThreadPool({ threads: t });
    pools.set(t, pool);
  }
  return pool;
}
