/** A dataset's rejected rows (file, line, reason, raw), a page at a time, exportable in full. */
import { useEffect, useState, type ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { api } from '../../api/client';
import { ExportButtons } from '../../components/ExportButtons';
import { Empty, ErrorState, Loading } from '../../components/States';
import { ColumnarTable } from './ColumnarTable';

const PAGE = 50;

type PageState = { status: 'loading' } | { status: 'ready'; page: ColumnarResult } | { status: 'error'; error: unknown };

export function RejectsPanel({ dataset, importId }: { dataset: string; importId: number }): ReactElement {
  const [open, setOpen] = useState(false);
  const [offset, setOffset] = useState(0);
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setState({ status: 'loading' });
    api.rejects({ dataset, limit: PAGE, offset }).then(
      (page) => current && setState({ status: 'ready', page }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [open, dataset, offset, importId, attempt]);

  return (
    <div className="rejects">
      <div className="rejects-head">
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide rejected rows' : 'View rejected rows'}
        </button>
        <ExportButtons what={`${dataset} rejected rows`} source={{ rejectsOf: dataset }} />
      </div>
      {open ? (
        <>
          {state.status === 'loading' ? <Loading label="Loading rejected rows…" /> : null}
          {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
          {state.status === 'ready' ? (
            state.page.rowCount === 0 && offset === 0 ? (
              <Empty title="No rejected rows" />
            ) : (
              <>
                <ColumnarTable result={state.page} label="Rejected rows" firstRowNumber={offset + 1} />
                <div className="pager">
                  <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                    ← Previous
                  </button>
                  <span className="muted">
                    Rows {(offset + 1).toLocaleString()}–{(offset + state.page.rowCount).toLocaleString()}
                  </span>
                  <button type="button" disabled={state.page.rowCount < PAGE} onClick={() => setOffset(offset + PAGE)}>
                    Next →
                  </button>
                </div>
              </>
            )
          ) : null}
        </>
      ) : null}
    </div>
  );
}
