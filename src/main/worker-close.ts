/**
 * Ends a worker thread that holds native resources (onnxruntime, faiss): it is asked to close and exits
 * by itself between native calls; terminate() is only the fallback when it does not answer in time.
 */
import type { Worker } from 'node:worker_threads';

export async function closeWorker(worker: Worker, message: unknown, timeoutMs = 10_000): Promise<void> {
  if (worker.threadId === -1) return; // already exited
  await new Promise<void>((resolve) => {
    const fallback = setTimeout(() => void worker.terminate().finally(resolve), timeoutMs);
    worker.once('exit', () => {
      clearTimeout(fallback);
      resolve();
    });
    try {
      worker.postMessage(message);
    } catch {
      void worker.terminate(); // the thread is going away already; 'exit' follows
    }
  });
}
