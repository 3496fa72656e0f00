/**
 * The events dashboard: KPI strip, volume by event, DAU / WAU / MAU, top events, latency
 * percentiles and top entities for an events dataset; metric series with alert thresholds for
 * a metrics dataset — all under the global filter bar.
 */
import type { ReactElement } from 'react';
import type { DatasetKind } from '../../../src-shared/datasets';
import { DashboardShell } from '../dashboards/DashboardShell';
import type { DashboardContext } from '../dashboards/useDashboard';
import { EngagementPanel } from './EngagementPanel';
import { EventKpis } from './EventKpis';
import { hasColumn } from './events-specs';
import { LatencyPanel } from './LatencyPanel';
import { MetricsPanels } from './MetricsPanels';
import { TopEntitiesPanel, TopEventsPanel } from './RankPanels';
import { VolumePanel } from './VolumePanel';

const KINDS: readonly DatasetKind[] = ['events', 'metrics'];

function EventPanels({ ctx }: { ctx: DashboardContext }): ReactElement {
  if (ctx.info.kind === 'metrics') {
    return (
      <div className="panel-grid">
        <MetricsPanels ctx={ctx} />
      </div>
    );
  }
  return (
    <>
      <EventKpis ctx={ctx} />
      <div className="panel-grid">
        <VolumePanel ctx={ctx} />
        {hasColumn(ctx.info, 'user_id') ? <EngagementPanel ctx={ctx} /> : null}
        <TopEventsPanel ctx={ctx} />
        <LatencyPanel ctx={ctx} />
        <TopEntitiesPanel ctx={ctx} />
      </div>
    </>
  );
}

export function EventsScreen(_props: { params: readonly string[] }): ReactElement {
  return (
    <DashboardShell title="Events dashboard" filterKey="filters:events" kinds={KINDS} emptyHint="Import an events export (NDJSON, CSV or Parquet) or metrics snapshots to see this dashboard.">
      {(ctx) => <EventPanels ctx={ctx} />}
    </DashboardShell>
  );
}
