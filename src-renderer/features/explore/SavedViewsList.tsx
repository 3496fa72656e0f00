/** The workspace's saved views (queries, funnels, retention tables): open one on its screen, or delete it. */
import type { ReactElement } from 'react';
import { isAnalysisView, type SavedViewBody } from '../../../src-shared/saved';
import { Empty, ErrorState, Loading } from '../../components/States';
import type { SavedApi } from './use-saved';

/** "events · line", "events · funnel". */
const describe = (body: SavedViewBody): string => (isAnalysisView(body) ? `${body.request.dataset} · ${body.analysis}` : `${body.spec.dataset} · ${body.chart}`);

export function SavedViewsList({ views, openId, onOpen, readOnly }: { views: SavedApi<'view'>; openId: string | null; onOpen: (id: string, body: SavedViewBody) => void; readOnly: boolean }): ReactElement {
  const { list } = views;
  return (
    <section className="card explore-saved" aria-labelledby="saved-views-heading">
      <h2 id="saved-views-heading">Saved views</h2>
      {list.status === 'loading' ? <Loading /> : list.status === 'error' ? <ErrorState error={list.error} onRetry={views.reload} /> : list.items.length === 0 ? (
        <Empty title="No saved views yet">Build a view and press “Save view”.</Empty>
      ) : (
        <ul className="explore-saved-list">
          {list.items.map((v) => (
            <li key={v.id} className={v.id === openId ? 'is-open' : ''}>
              <button type="button" className="link" onClick={() => onOpen(v.id, v.body)} aria-label={`Open view ${v.name}`}>{v.name}</button>
              <span className="muted"> · {describe(v.body)}</span>
              {readOnly ? null : <button type="button" aria-label={`Delete view ${v.name}`} title="Delete" onClick={() => window.confirm(`Delete the view “${v.name}”? Dashboard panels showing it will say it is gone.`) && void views.remove(v.id)}>×</button>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
