/**
 * Saving what Explore shows: "Save view" (a new view, or the open one updated), and "Add to
 * dashboard" — an existing saved dashboard or a new one — which saves the view first if needed.
 * Funnels and Retention save their analyses through it too (any saved view body).
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { SavedItem, SavedViewBody } from '../../../src-shared/saved';
import { errorText } from '../../api/client';
import { newPanel, withPanel } from './dashboard-panels';
import { useSaved } from './use-saved';

export interface SaveBarProps {
  readonly body: SavedViewBody;
  /** The saved view being edited, if any. */
  readonly view: SavedItem<'view'> | null;
  readonly onSaved: (view: SavedItem<'view'>) => void;
  readonly readOnly: boolean;
  /** The name field's example. */
  readonly placeholder?: string;
}

const NEW = '__new__';

export function SaveBar({ body, view, onSaved, readOnly, placeholder = 'e.g. p95 generation time by provider' }: SaveBarProps): ReactElement {
  const views = useSaved('view');
  const dashboards = useSaved('dashboard');
  const [name, setName] = useState(view?.name ?? '');
  const [target, setTarget] = useState('');
  const [boardName, setBoardName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const viewName = view?.name;
  useEffect(() => {
    if (viewName !== undefined) setName(viewName);
  }, [viewName]);

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await fn() });
    } catch (e) {
      const t = errorText(e);
      setMessage({ ok: false, text: t.hint ? `${t.message} — ${t.hint}` : t.message });
    } finally {
      setBusy(false);
    }
  };
  const save = async (asNew: boolean): Promise<SavedItem<'view'>> => {
    const saved = await views.put({ ...(view && !asNew ? { id: view.id } : {}), name: name || view?.name || '', body });
    onSaved(saved);
    return saved;
  };
  const addToDashboard = async (): Promise<string> => {
    const saved = await save(false);
    const panel = newPanel(saved.id, saved.name);
    if (target === NEW) {
      const board = await dashboards.put({ name: boardName, body: { panels: [panel] } });
      setTarget(board.id);
      return `Added to the new dashboard “${board.name}”`;
    }
    const board = dashboards.list.status === 'ready' ? dashboards.list.items.find((d) => d.id === target) : undefined;
    if (!board) throw new Error('pick a dashboard first');
    await dashboards.put({ id: board.id, name: board.name, body: withPanel(board.body, panel) });
    return `Added to “${board.name}”`;
  };

  const boards = dashboards.list.status === 'ready' ? dashboards.list.items : [];
  return (
    <div className="explore-save card" aria-label="Save">
      <label className="explore-field">
        <span>View name</span>
        <input value={name} placeholder={placeholder} onChange={(e) => setName(e.target.value)} disabled={readOnly} />
      </label>
      <button type="button" className="primary" disabled={busy || readOnly || !name.trim()} onClick={() => run(async () => `Saved “${(await save(false)).name}”`)}>
        Save view
      </button>
      {view ? <button type="button" disabled={busy || readOnly || !name.trim()} onClick={() => run(async () => `Saved as “${(await save(true)).name}”`)}>Save as new</button> : null}
      <span className="explore-save-sep" />
      <label className="explore-field">
        <span>Dashboard</span>
        <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={readOnly} aria-label="Dashboard to add to">
          <option value="">pick a dashboard…</option>
          {boards.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          <option value={NEW}>New dashboard…</option>
        </select>
      </label>
      {target === NEW ? (
        <label className="explore-field">
          <span>New dashboard name</span>
          <input value={boardName} onChange={(e) => setBoardName(e.target.value)} placeholder="e.g. Provider latency" />
        </label>
      ) : null}
      <button type="button" disabled={busy || readOnly || !name.trim() || !target || (target === NEW && !boardName.trim())} onClick={() => run(addToDashboard)}>
        Add to dashboard
      </button>
      {message ? <span className={message.ok ? 'explore-ok' : 'explore-bad'} role={message.ok ? 'status' : 'alert'}>{message.text}</span> : null}
      {readOnly ? <span className="muted">This workspace is open read-only.</span> : null}
    </div>
  );
}
