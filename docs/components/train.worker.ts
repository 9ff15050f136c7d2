/**
 * Web Worker of the interactive demo: trains off the main thread so the page stays responsive,
 * and streams the loss to the page in small batches (at most one message every 40 ms).
 */
import { runTraining, type TrainMessage, type TrainRequest } from "./train-core.ts";

/** The parts of the dedicated worker scope this file uses (the DOM lib describes a window). */
interface WorkerScope {
  postMessage(message: TrainMessage): void;
  onmessage: ((event: MessageEvent<TrainRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const request = event.data;
  let pending: [number, number][] = [];
  let lastPost = 0;
  const flush = () => {
    if (pending.length === 0) return;
    scope.postMessage({ id: request.id, type: "progress", points: pending });
    pending = [];
    lastPost = performance.now();
  };
  try {
    const result = runTraining(request, (epoch, loss) => {
      pending.push([epoch, loss]);
      if (epoch === 1 || performance.now() - lastPost > 40) flush();
    });
    flush();
    scope.postMessage({ id: request.id, type: "done", result });
  } catch (error) {
    flush();
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ id: request.id, type: "error", message });
  }
};
