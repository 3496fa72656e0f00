/**
 * Dataset screen (#/dataset/<name>, default the first dataset): a select to switch datasets, the
 * per-column profile, a virtualized grid over every row (server-side sort and paging) and
 * exports of the whole dataset.
 */
import { useCallback, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { api } from '../../api/client';
import { DataGrid, type FetchRowsRequest } from '../../components/DataGrid';
import { ExportButtons } from '../../components/ExportButtons';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useStore } from '../../store/store';
import { ProfileTable } from './ProfileTable';
import { useAsync } from './use-async';
import './dataset.css';

function DatasetPicker({ datasets, current }: { datasets: readonly DatasetInfo[]; current: string }): ReactElement {
  const navigate = useStore((s) => s.navigate);
  return (
    <label className="dataset-picker">
      <span className="muted">Dataset</span>
      <select value={current} onChange={(e) => navigate('dataset', e.target.value)} aria-label="Dataset">
        {datasets.map((d) => (
          <option key={d.name} value={d.name}>
            {d.name} ({d.kind})
          </option>
        ))}
      </select>
    </label>
  );
}

function DatasetView({ info, cacheKey }: { info: DatasetInfo; cacheKey: string }): ReactElement {
  const profile = useAsync(cacheKey, () => api.profile({ dataset: info.name }));
  const fetchRows = useCallback((r: FetchRowsRequest) => api.rows({ dataset: info.name, offset: r.offset, limit: r.limit, sort: r.sort }), [info.name]);
  return (
    <>
      <section className="card dataset-section" aria-labelledby="profile-heading">
        <h2 id="profile-heading">
          Profile
          {profile.status === 'ready' ? <span className="muted dataset-count" data-testid="profile-rows"> {profile.data.rowCount.toLocaleString()} rows · {profile.data.columns.length} columns</span> : null}
        </h2>
        {profile.status === 'loading' ? <Loading label="Profiling columns…" /> : null}
        {profile.status === 'error' ? <ErrorState error={profile.error} onRetry={profile.reload} /> : null}
        {profile.status === 'ready' ? profile.data.columns.length ? <ProfileTable profile={profile.data} /> : <Empty title="No columns" /> : null}
      </section>
      <section className="card dataset-section" aria-labelledby="rows-heading">
        <div className="dataset-section-head">
          <h2 id="rows-heading">Rows</h2>
          <ExportButtons what={info.name} source={{ dataset: info.name }} />
        </div>
        <DataGrid label={`${info.name} rows`} sourceKey={cacheKey} fetchRows={fetchRows} />
      </section>
    </>
  );
}

export function DatasetScreen({ params }: { params: readonly string[] }): ReactElement {
  const { datasets, workspace } = useStore(useShallow((s) => ({ datasets: s.datasets, workspace: s.workspace })));
  const name = params[0] ?? datasets[0]?.name;
  const info = datasets.find((d) => d.name === name);
  return (
    <div className="dataset-screen">
      <header className="dataset-head">
        <h1>Dataset</h1>
        {datasets.length ? <DatasetPicker datasets={datasets} current={info?.name ?? ''} /> : null}
        {info ? (
          <span className="muted dataset-meta">
            {info.kind} · {info.rowCount.toLocaleString()} rows{info.timeColumn ? ` · time column ${info.timeColumn}` : ''}
          </span>
        ) : null}
      </header>
      {!datasets.length ? (
        <Empty title="No datasets in this workspace yet">
          <a href="#/import">Import files</a> to create one.
        </Empty>
      ) : !info ? (
        <Empty title={`No dataset named “${name}”`}>Pick one of this workspace’s datasets above.</Empty>
      ) : (
        <DatasetView key={info.name} info={info} cacheKey={`${workspace?.path ?? ''}|${info.name}|${info.version}`} />
      )}
    </div>
  );
}
