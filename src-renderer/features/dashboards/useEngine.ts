/**
 * One engine request per panel, keyed by what it asks: the same key answers from a small cache
 * (a dashboard re-opened, or two panels sharing a query, cost one call), a changed key drops the
 * stale answer, and a failed call is forgotten so "Try again" asks again. Keys must include the
 * dataset version so that an import invalidates them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export type AsyncState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: unknown };

export type Loaded<T> = AsyncState<T> & { readonly retry: () => void };

const CACHE_SIZE = 200;
const LOADING = { status: 'loading' } as const;
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, run: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = run();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return p;
}

/** Runs `run` whenever `key` changes (null: not yet — stays loading). */
export function useEngine<T>(key: string | null, run: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; value: AsyncState<T> }>({ key: null, value: { status: 'loading' } });
  const [attempt, setAttempt] = useState(0);
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    if (key === null) return;
    let live = true;
    cached(key, () => runRef.current()).then(
      (data) => live && setState({ key, value: { status: 'ready', data } }),
      (error: unknown) => live && setState({ key, value: { status: 'error', error } }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);

  const retry = useCallback(() => {
    if (key !== null) cache.delete(key);
    setState({ key: null, value: { status: 'loading' } });
    setAttempt((n) => n + 1);
  }, [key]);

  const value = state.key === key ? state.value : LOADING;
  return useMemo(() => ({ ...value, retry }), [value, retry]);
}

/** A stable cache key from the parts of a request. */
export const keyOf = (...parts: unknown[]): string => JSON.stringify(parts);
