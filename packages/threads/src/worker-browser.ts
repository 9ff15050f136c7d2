/** Entry point of a Web Worker of the pool (module worker). */
import type { WorkerMessage } from "./protocol.js";
import { createPartHandler } from "./worker-loop.js";

interface WorkerScope {
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
}

const handle = createPartHandler();
(globalThis as unknown as WorkerScope).onmessage = (event) => {
  handle(event.data);
};
