/** Wall-clock timing for the bench: one measurement, and the median of warm runs. */

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: Awaited<T>; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs fn `warmups` times unmeasured, then `runs` times; the last answer and the median ms. */
export async function warmMedian<T>(fn: () => Promise<T>, runs: number, warmups = 1): Promise<{ value: T; ms: number }> {
  let value = await fn();
  for (let i = 1; i < warmups; i++) value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timed(fn);
    value = r.value;
    times.push(r.ms);
  }
  return { value, ms: median(times) };
}
