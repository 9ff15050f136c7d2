/** Entry point of a Node worker thread of the pool. */
import { parentPort } from "node:worker_threads";
import type { WorkerMessage } from "./protocol.js";
import { createPartHandler } from "./worker-loop.js";

const handle = createPartHandler();
parentPort?.on("message", (message: WorkerMessage) => {
  handle(message);
});
