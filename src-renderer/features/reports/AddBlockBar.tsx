/** Adds a block: a saved view as saved (chart, funnel, retention), as a KPI or a table, or markdown text. */
import { useState, type ReactElement } from 'react';
import type { ReportBlock } from '../../../src-shared/reports';
import type { SavedItem } from '../../../src-shared/saved';
import { blockFromView, isQueryView } from './report-draft';

export function AddBlockBar({ views, onAdd }: { views: readonly SavedItem<'view'>[]; onAdd: (block: ReportBlock) => void }): ReactElement {
  const [viewId, setViewId] = useState('');
  const view = views.find((v) => v.id === viewId) ?? views[0];
  const add = (as: 'view' | 'kpi' | 'table') => {
    const block = view ? blockFromView(view, as) : null;
    if (block) onAdd(block);
  };
  const query = view !== undefined && isQueryView(view);
  return (
    <div className="rp-add card" role="group" aria-label="Add a block">
      <label>
        Saved view{' '}
        <select aria-label="Saved view" value={view?.id ?? ''} disabled={!views.length} onChange={(e) => setViewId(e.target.value)}>
          {views.length ? views.map((v) => <option key={v.id} value={v.id}>{v.name}</option>) : <option value="">No saved views yet — save one in Explore</option>}
        </select>
      </label>
      <button type="button" disabled={!view} onClick={() => add('view')}>Add view</button>
      <button type="button" disabled={!query} title={view && !query ? 'funnels and retention tables are added as they are' : undefined} onClick={() => add('kpi')}>Add as KPI</button>
      <button type="button" disabled={!query} title={view && !query ? 'funnels and retention tables are added as they are' : undefined} onClick={() => add('table')}>Add as table</button>
      <span className="rp-sep" aria-hidden="true" />
      <button type="button" onClick={() => onAdd({ type: 'text', markdown: '' })}>Add text</button>
    </div>
  );
}
