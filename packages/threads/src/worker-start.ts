/**
 * How a worker starts, whatever the platform: its entry module imports nothing heavy and loads
 * the kernels (`worker-loop.js`, which imports the tensor and nnls packages) dynamically, so that
 * a failure to load them is caught here and reported through the control block. With static
 * imports the worker would die before running any code, and the pool, blocked in `Atomics.wait`
 * where no event can reach it, would only see a timeout.
 * @module
 */
import { CONTROL_READY, recordFailure, type WorkerMessage } from "./protocol.js";

/** The kernels' message handler factory, as `worker-loop.js` exports it. */
type LoadKernels = () => Promise<{ createPartHandler: () => (message: WorkerMessage) => void }>;

/**
 * A message handler that queues messages until the kernels are loaded, then hands them over.
 * `load` is the kernels' import (replaceable so that a failing load can be tested).
 */
export function startWorker(
  load: LoadKernels = () => import("./worker-loop.js"),
): (message: WorkerMessage) => void {
  let handle: ((message: WorkerMessage) => void) | null = null;
  let loadError: string | null = null;
  const queued: WorkerMessage[] = [];
  const refuse = (message: WorkerMessage) => {
    if (message.type !== "setup") return;
    recordFailure(message.control, `a worker could not load its kernels: ${loadError}`);
    const control = new Int32Array(message.control);
    Atomics.add(control, CONTROL_READY, 1);
    Atomics.notify(control, CONTROL_READY);
  };
  load().then(
    ({ createPartHandler }) => {
      handle = createPartHandler();
      for (const m of queued.splice(0)) handle(m);
    },
    (error: unknown) => {
      loadError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      for (const m of queued.splice(0)) refuse(m);
    },
  );
  return (message) => {
    if (handle !== null) handle(message);
    else if (loadError !== null) refuse(message);
    else queued.push(message);
  };
}
