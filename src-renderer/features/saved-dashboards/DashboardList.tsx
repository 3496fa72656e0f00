/** My dashboards: the list with create, rename, duplicate, delete and "copy a built-in dashboard". */
import { useState, type ReactElement } from 'react';
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { SavedItem } from '../../../src-shared/saved';
import { errorText } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../components/States';
import type { BuiltinKind } from './builtin-copies';
import type { useDashboards } from './use-dashboard-actions';

export interface DashboardListProps {
  readonly boards: ReturnType<typeof useDashboards>;
  readonly datasets: readonly DatasetInfo[];
  readonly readOnly: boolean;
  readonly onOpen: (id: string) => void;
}

function Row({ board, boards, readOnly, onOpen, onError }: { board: SavedItem<'dashboard'>; boards: DashboardListProps['boards']; readOnly: boolean; onOpen: (id: string) => void; onError: (e: unknown) => void }): ReactElement {
  const [renaming, setRenaming] = useState<string | null>(null);
  const act = (p: Promise<unknown>) => p.catch(onError);
  return (
    <li className="sd-row">
      {renaming === null ? (
        <button type="button" className="link sd-name" onClick={() => onOpen(board.id)} aria-label={`Open dashboard ${board.name}`}>{board.name}</button>
      ) : (
        <form className="sd-rename" onSubmit={(e) => { e.preventDefault(); void act(boards.put({ id: board.id, name: renaming, body: board.body })).then(() => setRenaming(null)); }}>
          <input aria-label="New name" value={renaming} autoFocus onChange={(e) => setRenaming(e.target.value)} />
          <button type="submit" disabled={!renaming.trim()}>Rename</button>
          <button type="button" onClick={() => setRenaming(null)}>Cancel</button>
        </form>
      )}
      <span className="muted">{board.body.panels.length} {board.body.panels.length === 1 ? 'panel' : 'panels'} · updated {board.updatedAt.slice(0, 16).replace('T', ' ')}</span>
      {readOnly || renaming !== null ? null : (
        <span className="sd-actions">
          <button type="button" onClick={() => setRenaming(board.name)} aria-label={`Rename ${board.name}`}>Rename</button>
          <button type="button" onClick={() => void act(boards.duplicate(board.id))} aria-label={`Duplicate ${board.name}`}>Duplicate</button>
          <button type="button" onClick={() => window.confirm(`Delete “${board.name}”? Its views stay.`) && void act(boards.remove(board.id))} aria-label={`Delete ${board.name}`}>Delete</button>
        </span>
      )}
    </li>
  );
}

export function DashboardList({ boards, datasets, readOnly, onOpen }: DashboardListProps): ReactElement {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(errorText(e).message);
  const create = () => void boards.put({ name, body: { panels: [] } }).then((b) => { setName(''); onOpen(b.id); }, onError);
  const copy = (kind: BuiltinKind) => void boards.copy(kind, datasets).then((b) => (b ? onOpen(b.id) : setError(`no ${kind} dataset in this workspace`)), onError);
  const { list } = boards;
  return (
    <div className="sd-list">
      {readOnly ? null : (
        <section className="card sd-create" aria-label="New dashboard">
          <form onSubmit={(e) => { e.preventDefault(); create(); }}>
            <input aria-label="Dashboard name" placeholder="New dashboard name" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="primary" disabled={!name.trim()}>Create dashboard</button>
          </form>
          <span className="muted">or copy a built-in one:</span>
          <button type="button" disabled={!datasets.some((d) => d.kind === 'jobs')} onClick={() => copy('jobs')}>Copy the Jobs dashboard</button>
          <button type="button" disabled={!datasets.some((d) => d.kind === 'events')} onClick={() => copy('events')}>Copy the Events dashboard</button>
        </section>
      )}
      {error ? <div className="explore-bad" role="alert">{error}</div> : null}
      <section className="card" aria-labelledby="sd-list-heading">
        <h2 id="sd-list-heading">Saved dashboards</h2>
        {list.status === 'loading' ? <Loading /> : list.status === 'error' ? <ErrorState error={list.error} onRetry={boards.reload} /> : list.items.length === 0 ? (
          <Empty title="No saved dashboards yet">Create one here, or add a view to a new dashboard from <a href="#/explore">Explore</a>.</Empty>
        ) : (
          <ul className="sd-rows">
            {list.items.map((b) => <Row key={b.id} board={b} boards={boards} readOnly={readOnly} onOpen={onOpen} onError={onError} />)}
          </ul>
        )}
      </section>
    </div>
  );
}
