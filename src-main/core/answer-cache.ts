/**
 * Answers of the open workspace kept by (method, request, dataset version, settings), so that
 * revisiting a dashboard is instant while any import, which bumps its dataset's version,
 * makes exactly that dataset's answers unreachable (seed 001's TTL cache, without the TTL:
 * nothing is ever served stale, and nothing expires while it is still right). One cache per
 * Workspace object, least recently used out first; concurrent identical requests share one
 * run; callers get a copy, so no one can change a cached answer.
 */
import type { Workspace } from './workspace';

const CAPACITY = 256;

const caches = new WeakMap<Workspace, Map<string, Promise<unknown>>>();

async function keyOf(ws: Workspace, method: string, req: { readonly dataset: string }): Promise<string | null> {
  const [row] = await ws.db.rows(`SELECT version FROM tallybook.datasets WHERE name = ?`, [req.dataset]);
  if (!row) return null;
  return JSON.stringify([method, req, Number(row.version), await ws.settings()]);
}

export async function cachedAnswer<T>(ws: Workspace, method: string, req: { readonly dataset: string }, run: () => Promise<T>): Promise<T> {
  const key = typeof req?.dataset === 'string' ? await keyOf(ws, method, req) : null;
  if (key === null) return run();
  let cache = caches.get(ws);
  if (!cache) caches.set(ws, (cache = new Map()));
  let answer = cache.get(key) as Promise<T> | undefined;
  if (answer) {
    cache.delete(key);
  } else {
    answer = run();
    answer.catch(() => cache.delete(key));
  }
  cache.set(key, answer);
  while (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
  return structuredClone(await answer);
}
