import type { BenchTarget } from './bench-store.js';

/** What the parent gives a measured child (JSON in argv). */
export interface ChildArgs {
  target: BenchTarget;
  expectSize: number;
  /** The analysis version the corpus's analyses were saved under (the pool's): the child serves those. */
  analysisVersion: number;
  /** How often the child follows other processes' writes (the bot's value). */
  watchMs: number;
  /** The /brief whose answer ends start-up. */
  firstQuery: string;
}

/** One command of the query mix. */
export interface BenchQuery {
  command: 'brief' | 'who';
  args: string;
  /** Why it is in the mix ("country", "person-surname", "phrase"…), for the slowest-query report. */
  kind: string;
}

/** Parent → child. */
export type ParentMessage =
  /** Run the mix `rounds` times, stopping early (after a whole command) once `budgetMs` has passed. */
  | { type: 'queries'; queries: BenchQuery[]; rounds: number; budgetMs: number }
  | { type: 'watch'; marker: string; expect: number; pollMs: number; timeoutMs: number }
  | { type: 'finish' };

/** Child → parent. Times are the child's performance.now() (ms since its start) unless said otherwise. */
export type ChildMessage =
  | { type: 'ready'; importedMs: number; builtMs: number; readyMs: number; answeredMs: number; size: number; firstAnswer: string }
  | { type: 'timings'; timings: { command: string; args: string; ms: number; empty: boolean; failed: boolean }[] }
  | { type: 'watching' }
  /** `at` is wall-clock epoch ms, comparable with the parent's Date.now(). */
  | { type: 'visible'; at: number; polls: number; seen: number }
  | { type: 'done'; peakRssMb: number; rssMb: number; heapUsedMb: number; errors: string[] }
  | { type: 'error'; message: string };
