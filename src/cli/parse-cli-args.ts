/** Parsed command line: the command, positional words, --flags and --option values. */
export interface CliArgs {
  command: string | undefined;
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/** Options that take a value; everything else starting with -- is a boolean flag. */
const VALUE_OPTIONS = new Set(['corpus']);

export function parseCliArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    if (VALUE_OPTIONS.has(m[1])) {
      const v = m[2] ?? rest[++i];
      if (v !== undefined) options.set(m[1], v);
    } else flags.add(m[1]);
  }
  return { command, positional, flags, options };
}
