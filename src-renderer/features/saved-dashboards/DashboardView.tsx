/**
 * One saved dashboard: its panels in a 12-column grid, each with its title and controls to move
 * it, set its width (3/4/6/12 columns) and height (S/M/L), edit its view, or remove it.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { DashboardBody, DashboardPanel, SavedItem } from '../../../src-shared/saved';
import { errorText } from '../../api/client';
import { Empty } from '../../components/States';
import { editPanels, type PanelEdit } from './panel-edits';
import type { useDashboards } from './use-dashboard-actions';
import { ViewPanel } from './ViewPanel';

const WIDTHS = [3, 4, 6, 12] as const;
const HEIGHTS = [{ h: 1, label: 'S' }, { h: 2, label: 'M' }, { h: 3, label: 'L' }] as const;

function PanelControls({ panel, index, count, onEdit, onEditView }: { panel: DashboardPanel; index: number; count: number; onEdit: (e: PanelEdit) => void; onEditView: () => void }): ReactElement {
  return (
    <div className="sd-panel-controls" role="group" aria-label={`Panel ${panel.title}`}>
      <button type="button" disabled={index === 0} onClick={() => onEdit({ op: 'move', by: -1 })} aria-label={`Move ${panel.title} earlier`} title="Move earlier">↑</button>
      <button type="button" disabled={index === count - 1} onClick={() => onEdit({ op: 'move', by: 1 })} aria-label={`Move ${panel.title} later`} title="Move later">↓</button>
      <select value={panel.w} onChange={(e) => onEdit({ op: 'resize', w: Number(e.target.value) })} aria-label={`Width of ${panel.title}`}>
        {WIDTHS.map((w) => <option key={w} value={w}>{w}/12</option>)}
        {(WIDTHS as readonly number[]).includes(panel.w) ? null : <option value={panel.w}>{panel.w}/12</option>}
      </select>
      <select value={panel.h} onChange={(e) => onEdit({ op: 'resize', h: Number(e.target.value) })} aria-label={`Height of ${panel.title}`}>
        {HEIGHTS.map((o) => <option key={o.h} value={o.h}>{o.label}</option>)}
        {HEIGHTS.some((o) => o.h === panel.h) ? null : <option value={panel.h}>{panel.h}</option>}
      </select>
      {panel.viewId ? <button type="button" onClick={onEditView} aria-label={`Edit the view of ${panel.title}`}>Edit view</button> : null}
      <button type="button" onClick={() => onEdit({ op: 'remove' })} aria-label={`Remove ${panel.title}`} title="Remove from the dashboard">×</button>
    </div>
  );
}

export interface DashboardViewProps {
  readonly board: SavedItem<'dashboard'>;
  readonly boards: ReturnType<typeof useDashboards>;
  readonly readOnly: boolean;
  readonly onEditView: (viewId: string) => void;
}

export function DashboardView({ board, boards, readOnly, onEditView }: DashboardViewProps): ReactElement {
  const [body, setBody] = useState<DashboardBody>(board.body);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setBody(board.body), [board]);
  const edit = (id: string, e: PanelEdit) => {
    const next = editPanels(body, id, e);
    setBody(next);
    boards.put({ id: board.id, name: board.name, body: next }).then(() => setError(null), (err: unknown) => { setError(errorText(err).message); setBody(board.body); });
  };
  if (body.panels.length === 0) {
    return <Empty title="This dashboard has no panels yet">In <a href="#/explore">Explore</a>, <a href="#/funnels">Funnels</a> or <a href="#/retention">Retention</a>, build a view and press “Add to dashboard”.</Empty>;
  }
  return (
    <>
      {error ? <div className="explore-bad" role="alert">{error}</div> : null}
      <div className="sd-grid">
        {body.panels.map((p, i) => (
          <section key={p.id} className="sd-panel card" style={{ gridColumn: `span ${p.w}` }} aria-label={p.title} data-panel-id={p.id}>
            {readOnly ? null : <PanelControls panel={p} index={i} count={body.panels.length} onEdit={(e) => edit(p.id, e)} onEditView={() => p.viewId && onEditView(p.viewId)} />}
            <ViewPanel panel={p} />
          </section>
        ))}
      </div>
    </>
  );
}
