/**
 * The body of every worker, whatever the platform: run the part it is sent, then count it done in
 * the shared control block and wake the waiting thread. A failure is written to the control block
 * (the pool rethrows it) instead of killing the worker.
 * @module
 */

import { nnlsKernels } from "@neural-nmf/nnls";
import { type Kernel, tensorKernels } from "@neural-nmf/tensor";
import {
  CONTROL_DONE,
  CONTROL_READY,
  recordFailure,
  viewOf,
  type WorkerMessage,
} from "./protocol.js";

/** The kernels every worker knows: the tensor and nnls packages' own. */
export const builtInKernels: ReadonlyMap<string, Kernel> = new Map(
  [...tensorKernels, ...nnlsKernels].map((k) => [k.name, k]),
);

/**
 * A message handler for a worker (Node `parentPort.on("message")` or `self.onmessage`). Messages
 * only ever refer to the pool's few long-lived shared buffers (its arena and the constant data),
 * so the handles they leave in the worker's heap keep no finished result alive.
 */
export function createPartHandler(kernels = builtInKernels): (message: WorkerMessage) => void {
  let control: Int32Array | null = null;
  return (message) => {
    if (message.type === "setup") {
      control = new Int32Array(message.control);
      // Kernels are loaded (this module imported them): count this worker ready.
      Atomics.add(control, CONTROL_READY, 1);
      Atomics.notify(control, CONTROL_READY);
      return;
    }
    if (control === null) return;
    try {
      const kernel = kernels.get(message.kernel);
      if (!kernel) throw new Error(`unknown kernel "${message.kernel}"`);
      const arrays: Record<string, ReturnType<typeof viewOf>> = {};
      for (const [name, ref] of Object.entries(message.arrays)) arrays[name] = viewOf(ref);
      kernel.run(arrays, message.scalars, message.start, message.end, message.part);
    } catch (error) {
      recordFailure(
        control.buffer as SharedArrayBuffer,
        `${message.kernel} (part ${message.part}): ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      Atomics.add(control, CONTROL_DONE, 1);
      Atomics.notify(control, CONTROL_DONE);
    }
  };
}
