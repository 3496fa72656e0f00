/** The open workspace's datasets as cards (name, kind, rows, time range); a click opens the dataset screen. */
import type { ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Empty } from '../../components/States';
import { useStore } from '../../store/store';
import type { DatasetInfo } from '../../../src-shared/datasets';

const day = (iso: string) => iso.slice(0, 10);

function rangeText({ minTime, maxTime }: DatasetInfo): string | null {
  if (minTime === null || maxTime === null) return null;
  return day(minTime) === day(maxTime) ? day(minTime) : `${day(minTime)} → ${day(maxTime)}`;
}

export function DatasetCards(): ReactElement {
  const { datasets, navigate } = useStore(useShallow((s) => ({ datasets: s.datasets, navigate: s.navigate })));
  if (datasets.length === 0) {
    return (
      <Empty title="This workspace has no datasets yet">
        <button type="button" className="primary" onClick={() => navigate('import')}>
          Import files
        </button>
      </Empty>
    );
  }
  return (
    <ul className="home-datasets">
      {datasets.map((d) => (
        <li key={d.name}>
          <button type="button" className="card home-dataset" data-dataset={d.name} onClick={() => navigate('dataset', d.name)}>
            <span className="home-dataset-top">
              <strong className="home-dataset-name">{d.name}</strong>
              <span className={`badge kind-${d.kind}`}>{d.kind}</span>
            </span>
            <span className="home-dataset-rows">{d.rowCount.toLocaleString()} rows</span>
            <span className="muted home-dataset-range">{rangeText(d) ?? `${d.columns.length} columns`}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
