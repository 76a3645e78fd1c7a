import type { NotificationSource } from './pg-notifications.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * A LISTEN that survives its connection: when the connection drops (server restart, network) it
 * reconnects with a growing delay, and tells the listener once after reconnecting, since notifications
 * sent while it was away are lost. The caller's revision poll covers the gap in the meantime.
 */
export class ChangeListener {
  private unlisten: (() => Promise<void>) | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;

  constructor(
    private readonly source: NotificationSource,
    private readonly channel: string,
    private readonly listener: () => void,
  ) {}

  start(): void {
    void this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    void unlisten?.().catch(() => undefined);
  }

  private async connect(isRetry: boolean): Promise<void> {
    if (this.stopped) return;
    try {
      const unlisten = await this.source.listen(this.channel, () => {
        if (!this.stopped) this.listener();
      }, () => this.lost());
      if (this.stopped) {
        await unlisten().catch(() => undefined);
        return;
      }
      this.unlisten = unlisten;
      this.retryMs = FIRST_RETRY_MS;
      if (isRetry) this.listener();
    } catch {
      this.scheduleRetry();
    }
  }

  private lost(): void {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    void unlisten?.().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect(true);
    }, wait);
    this.retryTimer.unref?.();
  }
}
