/**
 * CPU time (ms) of the best of `tries` runs of `run`. CPU, not wall time: with other processes sharing the
 * cores, wall time includes waiting to be scheduled; and noise only ever adds time, so the best run is the
 * truest. Growth tests compare two of these, never an absolute figure.
 */
export function bestCpuMs(run: () => unknown, tries = 3): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const t = process.cpuUsage();
    run();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}
