/**
 * Completions for the SQL editor: the workspace's datasets and their columns (from
 * api.datasets(), ranked first) merged with DuckDB's own suggestions at the cursor
 * (api.sqlComplete). DuckDB is asked with a short time limit, so a long-running statement on the
 * connection never blocks the list: the local names still show.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { SqlCompletion } from '../../../src-shared/sql-console';
import { api } from '../../api/client';

const ENGINE_WAIT_MS = 600;

/** CodeMirror's icon classes for DuckDB's suggestion types. */
function iconType(duckdbType: string): string {
  if (duckdbType === 'table') return 'class';
  if (duckdbType === 'column') return 'property';
  if (duckdbType === 'schema' || duckdbType === 'catalog') return 'namespace';
  if (duckdbType.endsWith('function')) return 'function';
  return duckdbType === 'keyword' ? 'keyword' : 'text';
}

function localOptions(datasets: readonly DatasetInfo[]): Completion[] {
  const options: Completion[] = [];
  const seen = new Set<string>();
  for (const d of datasets) {
    options.push({ label: d.name, type: 'class', detail: `dataset · ${d.rowCount.toLocaleString()} rows`, boost: 20 });
    for (const c of d.columns) {
      if (seen.has(c.name)) continue;
      seen.add(c.name);
      options.push({ label: c.name, type: 'property', detail: c.type.toLowerCase(), boost: 10 });
    }
  }
  return options;
}

async function engineCompletion(sql: string, cursor: number): Promise<SqlCompletion | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ENGINE_WAIT_MS));
  return Promise.race([api.sqlComplete({ sql, cursor }).catch(() => null), timeout]);
}

export function sqlCompletionSource(datasets: () => readonly DatasetInfo[]): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w$]+/);
    if (!word && !context.explicit) return null;
    const from = word ? word.from : context.pos;
    const engine = await engineCompletion(context.state.doc.toString(), context.pos);
    if (context.aborted) return null;
    const local = localOptions(datasets());
    const known = new Set(local.map((o) => o.label));
    const fromEngine: Completion[] = (engine?.options ?? [])
      .filter((o) => !known.has(o.label))
      .map((o) => ({ label: o.label, type: iconType(o.type), detail: o.type.replace('_', ' '), ...(o.apply ? { apply: o.apply } : {}) }));
    return { from, options: [...local, ...fromEngine], validFor: /^[\w$]*$/ };
  };
}
