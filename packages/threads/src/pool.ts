/**
 * The platform-neutral half of the thread pool: an {@link Executor} that hands parts 1…T−1 of
 * each kernel call to workers through shared memory, runs part 0 itself, and blocks on
 * `Atomics.wait` until the workers have counted their parts done. Blocking is what keeps the
 * training loop (and the autodiff graph) synchronous and single-threaded.
 * @module
 */
import { type Executor, type KernelArray, type KernelTask, ValueError } from "@neural-nmf/tensor";
import {
  CONTROL_BYTES,
  CONTROL_DONE,
  CONTROL_FAILED,
  CONTROL_READY,
  failureOf,
  isShared,
  kindOf,
  type PartMessage,
  type SharedArrayRef,
  type WorkerMessage,
} from "./protocol.js";

/** The little a pool needs of a worker, on any platform. */
export interface WorkerHandle {
  postMessage(message: WorkerMessage): void;
  terminate(): unknown;
}

/** An executor running kernels on several threads; close it when done. */
export interface ThreadPool extends Executor {
  /** Why the pool runs on the calling thread only (`threads` is then 1), or null. */
  readonly fallbackReason: string | null;
  /** Stops the workers. Further calls run on the calling thread. */
  close(): void;
}

/** Largest number of threads a pool accepts. */
export const MAX_THREADS = 256;

/** How long a call waits for workers that have not started (module loading) before failing. */
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * A pool over `workers` (T − 1 of them for T threads). Each worker must run
 * `createPartHandler` on its messages (which counts it ready after the setup message).
 */
export class SharedMemoryPool implements ThreadPool {
  readonly fallbackReason = null;
  private readonly control: Int32Array;
  /** Shared copies of constant arrays (the data X), made once per array. */
  private readonly constants = new WeakMap<KernelArray, KernelArray>();
  /** Scratch shared memory for the arrays of one call, reused by every call. */
  private arena: SharedArrayBuffer;
  private workers: WorkerHandle[];
  private started = false;

  constructor(workers: WorkerHandle[]) {
    const buffer = new SharedArrayBuffer(CONTROL_BYTES);
    this.control = new Int32Array(buffer);
    this.arena = new SharedArrayBuffer(INITIAL_ARENA_BYTES);
    this.workers = workers;
    for (const w of workers) w.postMessage({ type: "setup", control: buffer });
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Ordinary memory: results outlive the call and belong to the garbage collector, which does
   * not count shared memory as heap pressure (shared results piled up to 1.9 GB on a 200 000-
   * column fit, and forcing collections cost more than the copies through the arena).
   */
  allocate(length: number): Float64Array {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new ValueError(`ThreadPool.allocate: length ${length} is not a valid size`, "length");
    }
    return new Float64Array(length);
  }

  run(task: KernelTask): void {
    const parts = task.bounds.length - 1;
    const workers = this.workers;
    if (parts <= 1 || workers.length === 0) {
      for (let p = 0; p < parts; p++) {
        task.kernel.run(task.arrays, task.scalars, task.bounds[p]!, task.bounds[p + 1]!, p);
      }
      return;
    }
    this.awaitStartup();
    const { refs, views, copyBack } = this.place(task);
    const control = this.control;
    Atomics.store(control, CONTROL_DONE, 0);
    Atomics.store(control, CONTROL_FAILED, 0);
    // Parts 1…W go to the workers; part 0 and any beyond W run here.
    const dispatched = Math.min(parts - 1, workers.length);
    for (let p = 1; p <= dispatched; p++) {
      const message: PartMessage = {
        type: "part",
        kernel: task.kernel.name,
        arrays: refs,
        scalars: task.scalars,
        start: task.bounds[p]!,
        end: task.bounds[p + 1]!,
        part: p,
      };
      workers[p - 1]!.postMessage(message);
    }
    let localError: unknown = null;
    try {
      task.kernel.run(views, task.scalars, task.bounds[0]!, task.bounds[1]!, 0);
      for (let p = dispatched + 1; p < parts; p++) {
        task.kernel.run(views, task.scalars, task.bounds[p]!, task.bounds[p + 1]!, p);
      }
    } catch (error) {
      localError = error;
    }
    // Always wait for the workers, so no part of this call runs into the next one.
    for (;;) {
      const done = Atomics.load(control, CONTROL_DONE);
      if (done >= dispatched) break;
      Atomics.wait(control, CONTROL_DONE, done);
    }
    if (localError !== null) throw localError;
    const failure = failureOf(control.buffer as SharedArrayBuffer);
    if (failure !== null) throw new Error(`worker thread failed: ${failure}`);
    for (const [target, shared] of copyBack) target.set(shared as never);
  }

  close(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }

  /**
   * Puts every array of a call in shared memory: shared arrays as they are, constants through a
   * cached copy, the rest in the arena (inputs copied in; outputs, which kernels write in full,
   * copied back after the call).
   */
  private place(task: KernelTask): {
    refs: Record<string, SharedArrayRef>;
    views: Record<string, KernelArray>;
    copyBack: [KernelArray, KernelArray][];
  } {
    const outputs = new Set(task.outputs);
    const constants = new Set(task.constants ?? []);
    const entries = Object.entries(task.arrays);
    let needed = 0;
    for (const [name, array] of entries) {
      if (!isShared(array) && !constants.has(name)) needed += align(array.byteLength);
    }
    if (needed > this.arena.byteLength) {
      this.arena = new SharedArrayBuffer(Math.max(needed, 2 * this.arena.byteLength));
    }
    const refs: Record<string, SharedArrayRef> = {};
    const views: Record<string, KernelArray> = {};
    const copyBack: [KernelArray, KernelArray][] = [];
    let offset = 0;
    for (const [name, array] of entries) {
      let shared: KernelArray;
      if (isShared(array)) {
        shared = array;
      } else if (constants.has(name)) {
        shared = this.constants.get(array) ?? copyToShared(array);
        this.constants.set(array, shared);
      } else {
        shared = viewIn(this.arena, offset, array);
        offset += align(array.byteLength);
        if (outputs.has(name)) copyBack.push([array, shared]);
        else shared.set(array as never);
      }
      views[name] = shared;
      refs[name] = {
        kind: kindOf(shared),
        buffer: shared.buffer as SharedArrayBuffer,
        byteOffset: shared.byteOffset,
        length: shared.length,
      };
    }
    return { refs, views, copyBack };
  }

  /** Blocks until every worker has loaded its kernels (only the first call waits). */
  private awaitStartup(): void {
    if (this.started) return;
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      const ready = Atomics.load(this.control, CONTROL_READY);
      if (ready >= this.workers.length) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `worker threads did not start within ${STARTUP_TIMEOUT_MS / 1000} s (${ready} of ${this.workers.length} ready)`,
        );
      }
      Atomics.wait(this.control, CONTROL_READY, ready, Math.min(left, 1000));
    }
    // A worker that could not load its kernels counts itself ready and says why.
    const failure = failureOf(this.control.buffer as SharedArrayBuffer);
    if (failure !== null) throw new Error(`worker threads did not start: ${failure}`);
    this.started = true;
  }
}

/** First size of the arena (it doubles as calls need). */
const INITIAL_ARENA_BYTES = 16 * 1024 * 1024;

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/** A view of `like`'s type and length at `offset` bytes into `buffer`. */
function viewIn(buffer: SharedArrayBuffer, offset: number, like: KernelArray): KernelArray {
  if (like instanceof Float64Array) return new Float64Array(buffer, offset, like.length);
  if (like instanceof Int32Array) return new Int32Array(buffer, offset, like.length);
  return new Uint8Array(buffer, offset, like.length);
}

/** The in-thread stand-in returned where workers cannot be used, saying why. */
export function inThreadPool(reason: string): ThreadPool {
  return {
    threads: 1,
    fallbackReason: reason,
    run(task) {
      for (let p = 0; p + 1 < task.bounds.length; p++) {
        task.kernel.run(task.arrays, task.scalars, task.bounds[p]!, task.bounds[p + 1]!, p);
      }
    },
    allocate: (length) => new Float64Array(length),
    close() {},
  };
}

function copyToShared(array: KernelArray): KernelArray {
  const buffer = new SharedArrayBuffer(array.byteLength);
  let copy: KernelArray;
  if (array instanceof Float64Array) copy = new Float64Array(buffer);
  else if (array instanceof Int32Array) copy = new Int32Array(buffer);
  else copy = new Uint8Array(buffer);
  copy.set(array as never);
  return copy;
}

/** Checks a requested thread count. */
export function checkThreads(threads: unknown, where: string): number {
  if (
    typeof threads !== "number" ||
    !Number.isInteger(threads) ||
    threads < 1 ||
    threads > MAX_THREADS
  ) {
    throw new ValueError(
      `${where}: option \`threads\` must be an integer from 1 to ${MAX_THREADS}, got ${String(threads)}`,
      "threads",
    );
  }
  return threads;
}
