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
 * Runs `run` on `build(size)` for growing sizes; returns a failure message at the first size whose time (best of
 * three, once the first run is over) exceeds `multiple` × the plain-text time scaled to that size (plus `slackMs` for
 * timer and GC noise), else undefined.
 *
 * Over that budget at the largest size, the input is judged on how its time grows, which is what "linear" means and
 * what load on a shared machine does not change: measured again (best of three) at a quarter of the size and at the
 * whole, a linear input takes about 4× as long, a quadratic one 16×. It fails when the growth is above
 * MAX_LINEAR_GROWTH, or when it is linear but slower than HARD_MULTIPLE × the budget (a constant that big is a hang
 * in all but name).
 */
export function linearFailure(name: string, build: (size: number) => string, run: (text: string) => void, plainMsPerMiB: number, multiple: number, slackMs: number, sizes: readonly number[] = SIZES): string | undefined {
  for (const size of sizes) {
    const text = build(size);
    const budget = multiple * plainMsPerMiB * (size / MIB) + slackMs;
    // Once, then over budget best of three: a garbage collection or a descheduled core in one run is not the pattern.
    let ms = timeOf(() => run(text));
    if (ms > budget) ms = timeOf(() => run(text), 3);
    if (ms <= budget) continue;
    const overBudget = `${name}: ${ms.toFixed(0)} ms on ${size / 1024} KiB (budget ${budget.toFixed(0)} ms: ${multiple}× plain text + ${slackMs} ms)`;
    // Far over at once (a quadratic pattern at 64 KiB: seconds): no need to measure more. A little over is judged by
    // how the time grows, as at 1 MiB: a run of keywords one apart (`pat.pat.…`) costs a JIT-sensitive few µs each.
    if (ms > HARD_MULTIPLE * budget) return overBudget;
    const quarter = build(size / 4);
    let quarterMs = timeOf(() => run(quarter), 3);
    let wholeMs = timeOf(() => run(text), 3);
    let growth = wholeMs / Math.max(quarterMs, 1);
    if (growth > MAX_LINEAR_GROWTH) {
      // Measured again before judging: a collection of the whole suite's heap can land in one size's three runs (7.1×
      // once in CI on a pattern that measures 4× alone); a quadratic pattern grows 16× in every measurement.
      const again = [timeOf(() => run(quarter), 3), timeOf(() => run(text), 3)] as const;
      if (again[1] / Math.max(again[0], 1) < growth) [quarterMs, wholeMs, growth] = [again[0], again[1], again[1] / Math.max(again[0], 1)];
    }
    if (growth > MAX_LINEAR_GROWTH) return `${overBudget}; ${growth.toFixed(1)}× the time for 4× the input (${quarterMs.toFixed(0)} ms → ${wholeMs.toFixed(0)} ms): not linear`;
    if (wholeMs > HARD_MULTIPLE * budget) return `${overBudget}; linear, but ${wholeMs.toFixed(0)} ms is over ${HARD_MULTIPLE}× the budget`;
  }
  return undefined;
}

/**
 * Undefined when 4× the input takes about 4× the CPU time (under MAX_LINEAR_GROWTH; a whole-size time under `floorMs`
 * is noise, not growth), else a message with both times. Best of three at each size, and a growth over the limit is
 * measured once more before it counts: a collection of the whole suite's heap can land in one size's runs (54 ms →
 * 532 ms once in CI for an input that measures 4 ms → 18 ms alone), while a quadratic input grows 16× every time.
 */
export function growthFailure(build: (size: number) => string, run: (text: string) => unknown, floorMs = 200): string | undefined {
  const quarter = build(256 * 1024);
  const whole = build(MIB);
  const measure = () => [timeOf(() => run(quarter), 3), timeOf(() => run(whole), 3)] as const;
  const grows = ([quarterMs, wholeMs]: readonly [number, number]) => wholeMs >= floorMs && wholeMs / Math.max(quarterMs, 1) >= MAX_LINEAR_GROWTH;
  let times = measure();
  if (grows(times)) times = measure();
  return grows(times) ? `${times[0].toFixed(0)} ms for 256 KiB, ${times[1].toFixed(0)} ms for 1 MiB: not linear` : undefined;
}

/** 4× the input in at most this many times the time: linear with room for noise; quadratic is 16×. */
export const MAX_LINEAR_GROWTH = 7;
/** A linear input over the budget still fails beyond this many budgets. */
export const HARD_MULTIPLE = 3;
