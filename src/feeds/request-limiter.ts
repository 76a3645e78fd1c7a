/**
 * At most `maxConcurrent` requests in flight overall and `perHost` per host,
 * so one slow site cannot hold every slot and no site gets hammered.
 * Waiting tasks start in arrival order as soon as their host has room.
 */

/** Runs tasks under the limits. */
export interface RequestLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Requests in flight now (for tests and the bench). */
  active(): number;
}

/** Limits for {@link createRequestLimiter}. */
export interface LimiterOptions {
  maxConcurrent: number;
  perHost: number;
}

export function createRequestLimiter(opts: LimiterOptions): RequestLimiter {
  let active = 0;
  const perHost = new Map<string, number>();
  const queue: { host: string; start: () => void }[] = [];

  const hasRoom = (host: string) => active < opts.maxConcurrent && (perHost.get(host) ?? 0) < opts.perHost;
  const pump = () => {
    for (let i = 0; i < queue.length && active < opts.maxConcurrent; ) {
      if (hasRoom(queue[i].host)) queue.splice(i, 1)[0].start();
      else i++;
    }
  };

  return {
    active: () => active,
    run<T>(host: string, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          active++;
          perHost.set(host, (perHost.get(host) ?? 0) + 1);
          task()
            .then(resolve, reject)
            .finally(() => {
              active--;
              const n = (perHost.get(host) ?? 1) - 1;
              if (n > 0) perHost.set(host, n);
              else perHost.delete(host);
              pump();
            });
        };
        if (hasRoom(host) && queue.length === 0) start();
        else {
          queue.push({ host, start });
          pump();
        }
      });
    },
  };
}
