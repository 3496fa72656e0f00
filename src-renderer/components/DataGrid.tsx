/**
 * A virtualized grid over any number of rows: fixed row height, only the rows in view (plus
 * overscan) in the DOM, a spacer giving the scrollbar the full height (scaled down past what
 * browsers can lay out), pages fetched on demand through `fetchRows` (RowPageCache), server-side
 * sort by clicking a header (asc → desc → none), sticky header and row numbers, long values
 * ellipsised with the full value in `title`.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactElement } from 'react';
import type { CellValue, ColumnInfo } from '../../src-shared/columnar';
import { RowPageCache, type RowsChunk } from './row-page-cache';
import { Empty, ErrorState, Loading } from './States';
import './DataGrid.css';

export interface GridSort {
  readonly column: string;
  readonly dir: 'asc' | 'desc';
}

export interface FetchRowsRequest {
  readonly offset: number;
  readonly limit: number;
  readonly sort: readonly GridSort[];
}

export interface DataGridProps {
  /** What the grid shows, for screen readers ("events rows"). */
  readonly label: string;
  /** Changing it forgets every cached page (another dataset, a new import). */
  readonly sourceKey: string;
  readonly fetchRows: (req: FetchRowsRequest) => Promise<RowsChunk>;
  /** The most the grid takes (px); fewer rows make it shorter. */
  readonly maxHeight?: number;
  readonly rowHeight?: number;
}

const OVERSCAN = 12;
/** Browsers stop laying out elements somewhere past 15–30 million px; scale the spacer below that. */
const MAX_SPACER = 8_000_000;

function columnWidth(c: ColumnInfo): number {
  const t = c.type.toUpperCase();
  const base = /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC/.test(t) ? 110 : t.startsWith('TIMESTAMP') ? 232 : t === 'BOOLEAN' ? 80 : t === 'DATE' ? 110 : 180;
  return Math.max(base, Math.min(320, c.name.length * 8 + 44));
}

const isNumeric = (c: ColumnInfo) => /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC/.test(c.type.toUpperCase());

function cellText(v: CellValue): string {
  if (v === null) return 'null';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function nextSort(current: GridSort | null, column: string): GridSort | null {
  if (current?.column !== column) return { column, dir: 'asc' };
  return current.dir === 'asc' ? { column, dir: 'desc' } : null;
}

export function DataGrid({ label, sourceKey, fetchRows, maxHeight = 560, rowHeight = 28 }: DataGridProps): ReactElement {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [sort, setSort] = useState<GridSort | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(maxHeight);
  const scroller = useRef<HTMLDivElement>(null);
  const fetchRef = useRef(fetchRows);
  fetchRef.current = fetchRows;

  const loader = useCallback(
    (s: GridSort | null) => (offset: number, limit: number) => fetchRef.current({ offset, limit, sort: s ? [s] : [] }),
    [],
  );
  const cache = useMemo(() => new RowPageCache(loader(null), rerender), [loader]);

  useLayoutEffect(() => {
    cache.reset(loader(sort));
    scroller.current?.scrollTo({ top: 0 });
    setScrollTop(0);
    rerender();
  }, [cache, loader, sort, sourceKey]);

  useEffect(() => () => cache.dispose(), [cache]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const headerHeight = rowHeight + 4;
  const bodyViewport = Math.max(rowHeight, viewport - headerHeight);
  const total = cache.totalRows ?? 0;
  const fullHeight = total * rowHeight;
  const spacer = Math.min(fullHeight, MAX_SPACER);
  const height = cache.totalRows === null || total === 0 ? Math.min(maxHeight, 200) : Math.min(maxHeight, headerHeight + spacer + 18); // room for a horizontal scrollbar
  /** The first row in view (a fraction) at a scroll position: linear, 1:1 unless the spacer is scaled. */
  const firstRowAt = (top: number) => {
    const scrollRange = Math.max(1, spacer - bodyViewport);
    const rowsRange = Math.max(0, total - bodyViewport / rowHeight);
    return spacer < fullHeight ? (Math.min(top, scrollRange) / scrollRange) * rowsRange : top / rowHeight;
  };
  const rangeAt = (top: number): [number, number] => {
    const f = firstRowAt(top);
    return [Math.max(0, Math.floor(f) - OVERSCAN), Math.min(total - 1, Math.ceil(f + bodyViewport / rowHeight) + OVERSCAN)];
  };
  const firstFloat = firstRowAt(scrollTop);
  const [first, last] = rangeAt(scrollTop);

  useEffect(() => {
    // The live scroll position: a reset may have scrolled to the top since this render.
    const [from, to] = cache.totalRows === null ? [0, 0] : rangeAt(scroller.current?.scrollTop ?? 0);
    cache.ensure(from, to);
  });

  const columns = cache.columns;
  const widths = useMemo(() => columns.map(columnWidth), [columns]);
  const rowNumberWidth = Math.max(56, String(total).length * 8 + 20);
  const totalWidth = rowNumberWidth + widths.reduce((a, b) => a + b, 0);

  let overlay: ReactElement | null = null;
  if (cache.error) overlay = <ErrorState error={cache.error} onRetry={() => cache.retry()} />;
  else if (cache.totalRows === null) overlay = <Loading label="Loading rows…" />;
  else if (total === 0) overlay = <Empty title="No rows" />;

  const rows: ReactElement[] = [];
  for (let i = first; i <= last; i++) {
    const loaded = cache.hasRow(i);
    rows.push(
      <div key={i} className="dg-row" role="row" aria-rowindex={i + 2} style={{ top: scrollTop + (i - firstFloat) * rowHeight, height: rowHeight, width: totalWidth }}>
        <div className="dg-rownum" role="rowheader" style={{ width: rowNumberWidth }}>
          {(i + 1).toLocaleString()}
        </div>
        {columns.map((c, ci) => {
          if (!loaded) return <div key={c.name} className="dg-cell dg-pending" role="gridcell" style={{ width: widths[ci] }} />;
          const v = cache.cell(i, ci) ?? null;
          const text = cellText(v);
          const cls = `dg-cell${v === null ? ' dg-null' : ''}${isNumeric(c) ? ' dg-num' : ''}`;
          return (
            <div key={c.name} className={cls} role="gridcell" style={{ width: widths[ci] }} title={v === null ? undefined : text}>
              {text}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div className="dg" role="grid" aria-label={label} aria-rowcount={total + 1} aria-colcount={columns.length + 1}>
      <div ref={scroller} className="dg-scroll" tabIndex={0} aria-label={`${label}, scrollable`} style={{ height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="dg-header" role="row" aria-rowindex={1} style={{ height: headerHeight, width: totalWidth }}>
          <div className="dg-rownum dg-hcell" style={{ width: rowNumberWidth }}>
            #
          </div>
          {columns.map((c, ci) => {
            const dir = sort?.column === c.name ? sort.dir : null;
            return (
              <button
                key={c.name}
                type="button"
                role="columnheader"
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                className={`dg-hcell${isNumeric(c) ? ' dg-num' : ''}`}
                style={{ width: widths[ci] }}
                title={`${c.name} (${c.type}) — click to sort`}
                onClick={() => setSort((s) => nextSort(s, c.name))}
              >
                <span className="dg-hname">{c.name}</span>
                <span className="dg-sort" aria-hidden="true">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}</span>
              </button>
            );
          })}
        </div>
        <div className="dg-body" style={{ height: spacer, width: totalWidth }}>
          {overlay ? null : rows}
        </div>
        {overlay ? <div className="dg-overlay">{overlay}</div> : null}
      </div>
      <div className="dg-status muted" aria-live="polite">
        {total > 0 ? `Rows ${(Math.floor(firstFloat) + 1).toLocaleString()}–${Math.min(total, Math.ceil(firstFloat + bodyViewport / rowHeight)).toLocaleString()} of ${total.toLocaleString()}` : ''}
        {sort ? ` · sorted by ${sort.column} ${sort.dir === 'asc' ? 'ascending' : 'descending'}` : ''}
      </div>
    </div>
  );
}
