/**
 * Several panel requests as one state: loading until all are ready, the first error wins, and
 * `build` runs once all are ready (it reads their data). Call it inside useMemo.
 */
import type { Loaded } from './useEngine';

export function combine<R>(states: readonly Loaded<unknown>[], build: () => R): Loaded<R> {
  const retry = () => states.forEach((s) => s.status !== 'ready' && s.retry());
  for (const s of states) if (s.status === 'error') return { status: 'error', error: s.error, retry };
  if (states.some((s) => s.status === 'loading')) return { status: 'loading', retry };
  return { status: 'ready', data: build(), retry };
}

/** The data of a state known to be ready (inside combine's build). */
export function dataOf<T>(s: Loaded<T>): T {
  if (s.status !== 'ready') throw new Error('dataOf: the state is not ready');
  return s.data;
}
