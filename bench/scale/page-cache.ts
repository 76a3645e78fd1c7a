import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/**
 * Empty the operating system's page cache, as a reboot does: `sync`, then `3` into /proc/sys/vm/drop_caches
 * (Linux, root only). The bench uses it so its figures do not depend on what earlier work left cached: a
 * 100,000-article file read by the previous size's run answers its first askings in half the time of one
 * that a 1M run pushed out. Returns null when the cache was dropped, or why it could not be.
 */
export function dropPageCache(): string | null {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS'
      ? 'not permitted (dropping the page cache needs root on Linux)'
      : `could not drop the page cache: ${err.code ?? err.message}`;
  }
}
