/**
 * The recent jobs table: the jobs of the filter bar's range and filters, newest first, 20 per
 * page, paged by the engine (api.rows), with CSV / JSON / Parquet export of all those rows.
 */
import { useState, type ReactElement } from 'react';
import type { CellValue } from '../../../src-shared/columnar';
import { api } from '../../api/client';
import { ExportButtons } from '../../components/ExportButtons';
import { Empty, ErrorState, Loading } from '../../components/States';
import { column } from '../dashboards/columnar';
import { formatDateTime, formatInt, formatMoney, formatNumber } from '../dashboards/format';
import type { DashboardContext } from '../dashboards/useDashboard';
import { keyOf, useEngine } from '../dashboards/useEngine';

const PAGE = 20;

interface Shown {
  readonly name: string;
  readonly label: string;
  readonly format?: (v: CellValue, currency: string) => string;
  readonly numeric?: boolean;
}

const num = (f: (n: number) => string) => (v: CellValue) => (typeof v === 'number' ? f(v) : v === null ? '—' : String(v));

const COLUMNS: readonly Shown[] = [
  { name: 'job_id', label: 'Job ID' },
  { name: 'created_at', label: 'Created', format: (v) => (typeof v === 'string' ? formatDateTime(v) : '—') },
  { name: 'status', label: 'Status' },
  { name: 'provider', label: 'Provider' },
  { name: 'strategy', label: 'Strategy' },
  { name: 'publisher', label: 'Publisher' },
  { name: 'cost', label: 'Cost', numeric: true, format: (v, currency) => (typeof v === 'number' ? formatMoney(v, currency) : '—') },
  { name: 'generation_seconds', label: 'Gen. time (s)', numeric: true, format: num(formatNumber) },
  { name: 'qc_score', label: 'QC', numeric: true, format: num(formatNumber) },
];

const text = (v: CellValue | undefined) => (v === null || v === undefined ? '—' : String(v));

export function RecentJobs({ ctx }: { ctx: DashboardContext }): ReactElement {
  const { info } = ctx;
  const sortColumn = info.timeColumn ?? info.columns[0]?.name ?? 'job_id';
  const { time, filters } = ctx.base;
  const selection = {
    dataset: info.name,
    sort: [{ column: sortColumn, dir: 'desc' as const }],
    ...(time?.from !== undefined ? { from: time.from } : {}),
    ...(time?.to !== undefined ? { to: time.to } : {}),
    ...(filters !== undefined ? { filters } : {}),
  };
  // A new range or filter starts again at the first page.
  const selectionKey = keyOf(info.version, selection);
  const [paging, setPaging] = useState({ key: selectionKey, page: 0 });
  const page = paging.key === selectionKey ? paging.page : 0;
  const setPage = (next: number) => setPaging({ key: selectionKey, page: next });
  const state = useEngine(keyOf('rows', selectionKey, page), () => api.rows({ ...selection, offset: page * PAGE, limit: PAGE }));
  const shown = COLUMNS.filter((c) => info.columns.some((ic) => ic.name === c.name));
  let body: ReactElement;
  if (state.status === 'loading') body = <Loading />;
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={state.retry} />;
  else if (state.data.rowCount === 0) body = <Empty title="No jobs in this dataset" />;
  else {
    const rows = state.data;
    const pages = Math.max(1, Math.ceil(rows.totalRows / PAGE));
    body = (
      <>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                {shown.map((c) => (
                  <th key={c.name} className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rows.rowCount }, (_, r) => (
                <tr key={r}>
                  {shown.map((c) => {
                    const v = column(rows, c.name)[r];
                    return (
                      <td key={c.name} className={c.numeric ? 'num' : undefined}>
                        {c.format ? c.format(v ?? null, ctx.currency) : text(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ‹ Newer
          </button>
          <span className="muted">
            Page {formatInt(page + 1)} of {formatInt(pages)} · {formatInt(rows.totalRows)} jobs
          </span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Older ›
          </button>
        </div>
      </>
    );
  }
  return (
    <section className="card table-panel" aria-label="Recent jobs">
      <header className="table-panel-header">
        <h2>Recent jobs</h2>
        <span className="muted">in the range and filters above, newest first</span>
        <ExportButtons what={`${info.name} jobs`} source={{ rows: selection }} />
      </header>
      {body}
    </section>
  );
}
