/** The events KPI strip: events, users and sessions in the window, with the previous period. */
import type { ReactElement } from 'react';
import { formatInt } from '../dashboards/format';
import { KpiStrip, type KpiDef } from '../dashboards/KpiStrip';
import type { DashboardContext } from '../dashboards/useDashboard';
import { useSpec } from '../dashboards/useSpec';
import { eventKpiMeasures, eventKpiSpec } from './events-specs';

const LABELS: Record<string, { id: string; label: string }> = {
  count: { id: 'events', label: 'Events' },
  'count_distinct(user_id)': { id: 'users', label: 'Users' },
  'count_distinct(session_id)': { id: 'sessions', label: 'Sessions' },
};

export function EventKpis({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, eventKpiSpec(ctx));
  const defs: KpiDef[] = eventKpiMeasures(ctx.info).map((measure) => ({ ...(LABELS[measure] ?? { id: measure, label: measure }), measure, format: formatInt, better: 'up' }));
  return <KpiStrip state={state} defs={defs} />;
}
