/** Entry point of a Node worker thread of the pool. */
import { parentPort } from "node:worker_threads";
import type { WorkerMessage } from "./protocol.js";
import { startWorker } from "./worker-start.js";

const handle = startWorker();
parentPort?.on("message", (message: WorkerMessage) => {
  handle(message);
});
