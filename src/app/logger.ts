/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** A small line logger: `LEVEL message key=value…` to the given stream (stderr, so stdout stays clean for answers). */
export function createLogger(level: LogLevel, stream: NodeJS.WritableStream, now: () => Date = () => new Date()): Logger {
  const min = ORDER.indexOf(level);
  const log = (lvl: LogLevel) => (msg: string, meta?: Record<string, unknown>) => {
    if (ORDER.indexOf(lvl) < min) return;
    const extra = meta ? ' ' + Object.entries(meta).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null)}`).join(' ') : '';
    stream.write(`${now().toISOString()} ${lvl.toUpperCase()} ${msg}${extra}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
