import { parentPort } from 'node:worker_threads';
import type { AnalysisInput, ArticleAnalysis } from '../analysis/types.js';

/** Main thread → worker: analyse this input. */
export interface JobMessage {
  id: number;
  input: AnalysisInput;
}

/** Worker → main thread: `ready` once modules are loaded, then one result per job. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; analysis: ArticleAnalysis }
  | { type: 'result'; id: number; ok: false; message: string };

/**
 * Serve analysis jobs in a worker thread. Any worker module the pool runs
 * (the real one, or a test's slow one) is just `serveAnalysis(fn)`.
 */
export function serveAnalysis(analyze: (input: AnalysisInput) => ArticleAnalysis): void {
  const port = parentPort;
  if (!port) throw new Error('serveAnalysis must run in a worker thread');
  port.on('message', (job: JobMessage) => {
    let reply: WorkerMessage;
    try {
      reply = { type: 'result', id: job.id, ok: true, analysis: analyze(job.input) };
    } catch (e) {
      reply = { type: 'result', id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
