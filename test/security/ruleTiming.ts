/**
 * Shared by the linear-time tests: a plain text to measure against, and a time check that grows the input
 * (64 KiB, then 1 MiB) and stops at the first size over its budget, so a quadratic pattern fails in seconds, not hours.
 */
export const MIB = 1024 * 1024;

/**
 * Ordinary prose and code, 1 MiB, with the words the analyzer looks for (names of secrets, key prefixes) as real
 * code has them: the yardstick every adversarial input is compared with.
 */
export function plainText(size = MIB): string {
  const line = 'The quick brown fox jumps over the lazy dog; const apiKey = config.get("token"); // secret key, see sk-docs and pk_test\n';
  return line.repeat(Math.ceil(size / line.length)).slice(0, size);
}

/** `unit` repeated to `size` characters (a prefix kept in front when given). */
export function fill(prefix: string, unit: string, size: number): string {
  if (unit.length === 0) return prefix;
  return (prefix + unit.repeat(Math.ceil(Math.max(0, size - prefix.length) / unit.length))).slice(0, Math.max(size, prefix.length));
}

/**
 * CPU milliseconds of `run` (best of `times`): this process's CPU time, not the wall clock, so that other processes
 * sharing the machine's cores do not make a linear input look slow.
 */
export function timeOf(run: () => void, times = 1): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t = process.cpuUsage();
    run();
    const used = process.cpuUsage(t);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** 64 KiB first: a quadratic input fails there in seconds (the old private-key pattern: 4.8 s), before 1 MiB. */
export const SIZES = [64 * 1024, MIB];

/**
 * Runs `run` on `build(size)` for growing sizes; returns a failure message at the first size whose time exceeds
 * `multiple` × the plain-text time scaled to that size (plus `slackMs` for timer and GC noise), else undefined.
 */
export function linearFailure(name: string, build: (size: number) => string, run: (text: string) => void, plainMsPerMiB: number, multiple: number, slackMs: number): string | undefined {
  for (const size of SIZES) {
    const text = build(size);
    const ms = timeOf(() => run(text));
    const budget = multiple * plainMsPerMiB * (size / MIB) + slackMs;
    if (ms > budget) return `${name}: ${ms.toFixed(0)} ms on ${size / 1024} KiB (budget ${budget.toFixed(0)} ms: ${multiple}× plain text + ${slackMs} ms)`;
  }
  return undefined;
}
