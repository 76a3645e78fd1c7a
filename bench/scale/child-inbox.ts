import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildMessage } from './child-protocol.js';

/** Messages from the child, in order, with a deadline, an RSS guard, and its stderr for error reports. */
export class Inbox {
  private readonly queue: ChildMessage[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private stderr = '';
  private readonly timers: NodeJS.Timeout[] = [];
  peakRssMb = 0;

  constructor(private readonly child: ChildProcess, timeoutMs: number, rssLimitMb: number) {
    child.on('message', (m) => this.push(m as ChildMessage));
    child.stderr?.on('data', (d: Buffer) => void (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    child.on('exit', (code, signal) => this.fail(`the child exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
    this.timers.push(setTimeout(() => this.kill(`timed out after ${timeoutMs / 1000} s`), timeoutMs));
    this.timers.push(
      setInterval(() => {
        const rss = rssMbOf(child.pid);
        this.peakRssMb = Math.max(this.peakRssMb, rss);
        if (rss > rssLimitMb) this.kill(`killed at ${rss.toFixed(0)} MB RSS (guard ${rssLimitMb} MB)`);
      }, 200),
    );
  }

  async next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    for (;;) {
      const m = this.queue.shift();
      if (m) {
        if (m.type === 'error') throw new Error(m.message);
        if (m.type === type) return m as Extract<ChildMessage, { type: T }>;
        continue;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** Resolves when the child has exited, or after `ms`. */
  exited(ms: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }

  private push(m: ChildMessage): void {
    this.queue.push(m);
    this.wake?.();
  }

  private fail(message: string): void {
    this.failure ??= new Error(message);
    this.wake?.();
  }

  private kill(reason: string): void {
    this.fail(reason);
    this.child.kill('SIGKILL');
  }
}

export function rssMbOf(pid: number | undefined): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
