/** Entry point of a Web Worker of the pool (module worker). */
import type { WorkerMessage } from "./protocol.js";
import { startWorker } from "./worker-start.js";

interface WorkerScope {
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
}

const handle = startWorker();
(globalThis as unknown as WorkerScope).onmessage = (event) => {
  handle(event.data);
};
