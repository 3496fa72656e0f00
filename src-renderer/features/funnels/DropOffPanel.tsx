/**
 * The units that dropped off before the picked step (reached step - 1, not step), paged and
 * sorted by the engine (api.funnelDropOff) in the virtualized grid, exportable in full.
 */
import { useCallback, type ReactElement } from 'react';
import type { FunnelRequest } from '../../../src-shared/analyses';
import { api } from '../../api/client';
import { DataGrid, type FetchRowsRequest } from '../../components/DataGrid';
import { ExportButtons } from '../../components/ExportButtons';
import { keyOf } from '../dashboards/useEngine';
import { useFunnelStore, type DropOffPick } from './funnel-store';

export interface DropOffPanelProps {
  readonly request: FunnelRequest;
  readonly pick: DropOffPick;
  readonly stepLabels: readonly string[];
  /** Part of the grid's cache key (the dataset version). */
  readonly version: number;
}

export function DropOffPanel({ request, pick, stepLabels, version }: DropOffPanelProps): ReactElement {
  const close = useFunnelStore((s) => s.showDropOff);
  const source = { ...request, ...pick };
  const sourceKey = keyOf('drop-off', version, source);
  const fetchRows = useCallback((r: FetchRowsRequest) => api.funnelDropOff({ ...source, offset: r.offset, limit: r.limit, sort: r.sort }), [sourceKey]);
  const unit = request.by === 'user' ? 'Users' : 'Sessions';
  const within = pick.breakdownValue !== undefined ? ` — ${request.breakdown ?? 'breakdown'} = ${pick.breakdownValue ?? '(none)'}` : '';
  const title = `${unit} that dropped off before step ${pick.step} (${stepLabels[pick.step - 1] ?? ''})${within}`;
  return (
    <section className="card table-panel drop-off-panel" aria-label="Dropped-off units">
      <div className="table-panel-header">
        <h2>{title}</h2>
        <span className="muted">reached step {pick.step - 1} ({stepLabels[pick.step - 2] ?? ''}) but not step {pick.step}</span>
        <ExportButtons what={`Funnel drop-offs step ${pick.step}`} source={{ funnelDropOff: source }} />
        <button type="button" onClick={() => close(null)} aria-label="Close the drop-off list">
          ×
        </button>
      </div>
      <DataGrid label={title} sourceKey={sourceKey} fetchRows={fetchRows} maxHeight={360} />
    </section>
  );
}
