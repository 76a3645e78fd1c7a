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

/**
 * The child's memory at the end of a phase (MB): VmHWM is the peak so far, VmRSS now; RssFile is the part of
 * RSS that is file pages (a memory-mapped database), heap and external are V8's (external: Buffers, WASM).
 */
export interface MemorySample {
  hwmMb: number;
  rssMb: number;
  rssFileMb: number;
  heapUsedMb: number;
  externalMb: number;
}

/** Parent → child. */
export type ParentMessage =
  /** Run the mix `rounds` times, stopping early (after a whole command) once `budgetMs` has passed. */
  | { type: 'queries'; queries: BenchQuery[]; rounds: number; budgetMs: number }
  | { type: 'watch'; marker: string; expect: number; pollMs: number; timeoutMs: number }
  | { type: 'finish' };

/** Child → parent. Times are the child's performance.now() (ms since its start) unless said otherwise. */
export type ChildMessage =
  /** `memory`: after buildCore (`built`) and after the first answer (`answered`). */
  | { type: 'ready'; importedMs: number; builtMs: number; readyMs: number; answeredMs: number; size: number; firstAnswer: string; memory: { built: MemorySample; answered: MemorySample } }
    /** `hwmMb`: VmHWM after the command, so the commands that raise the peak can be named. */
  | { type: 'timings'; timings: QueryTiming[]; memory: MemorySample }
  | { type: 'watching' }
  /** `at` is wall-clock epoch ms, comparable with the parent's Date.now(). */
  | { type: 'visible'; at: number; polls: number; seen: number; memory: MemorySample }
  | { type: 'done'; peakRssMb: number; rssMb: number; heapUsedMb: number; errors: string[]; memory: MemorySample }
  | { type: 'error'; message: string };

/** One command of the mix as the child timed it. */
export interface QueryTiming {
  command: string;
  args: string;
  ms: number;
  /** Garbage-collection pauses (V8's 'gc' performance entries) that ended while the command ran. */
  gcMs: number;
  empty: boolean;
  failed: boolean;
  hwmMb: number;
}
