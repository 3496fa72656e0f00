/**
 * Ranked counts as horizontal bars: top events, and top entities of a chosen field (user,
 * session, entity …) with the rest as "Other". Both are query specs, so the bar's filters apply.
 */
import { useMemo, useState, type ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { rankChart } from '../dashboards/chart-options';
import { columnarOf, labels, numbers, toNumber, column } from '../dashboards/columnar';
import { combine, dataOf } from '../dashboards/combine';
import { formatInt } from '../dashboards/format';
import { ChartPanel, PanelFrame, StateCard, type ChartView } from '../dashboards/Panel';
import { Empty } from '../../components/States';
import type { DashboardContext } from '../dashboards/useDashboard';
import { useSpec } from '../dashboards/useSpec';
import { hasColumn, TOP_ENTITIES, topSpec, withValueSpec } from './events-specs';
import { useTopEvents } from './VolumePanel';
import { ChoiceSelect } from '../../components/ChoiceSelect';

/** The ranked values as bars; "Other" (the rest) is in the CSV and the note, not a bar that would dwarf them. */
function rankView(field: string, r: ColumnarResult, other: number): ChartView {
  const names = labels(r, field);
  const counts = numbers(r, 'count').map((v) => v ?? 0);
  const option = rankChart({ categories: names, values: counts, name: 'Events', valueFormatter: formatInt });
  const data = other > 0 ? columnarOf({ [field]: [...names, 'Other'], count: [...counts, other] }) : columnarOf({ [field]: names, count: counts });
  return { option, data, empty: r.rowCount === 0 };
}

export function TopEventsPanel({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useTopEvents(ctx);
  return <ChartPanel title="Top events" state={state} view={(r) => rankView('event_name', r, 0)} emptyText="No events in this range" height={300} />;
}

const ENTITY_FIELDS = ['entity_id', 'user_id', 'session_id', 'tenant_id', 'site_id', 'source', 'domain', 'entity_type'];

export function TopEntitiesPanel({ ctx }: { ctx: DashboardContext }): ReactElement {
  const fields = ENTITY_FIELDS.filter((f) => hasColumn(ctx.info, f));
  const [chosen, setChosen] = useState<string | null>(null);
  const field = chosen !== null && fields.includes(chosen) ? chosen : (fields[0] ?? null);
  const top = useSpec(ctx, field ? topSpec(ctx, field, TOP_ENTITIES) : null);
  const total = useSpec(ctx, field ? withValueSpec(ctx, field) : null);
  const state = useMemo(
    () =>
      combine([top, total], () => {
        const r = dataOf(top);
        const shown = numbers(r, 'count').reduce<number>((a, b) => a + (b ?? 0), 0);
        return { r, other: Math.max(0, (toNumber(column(dataOf(total), 'count')[0]) ?? 0) - shown) };
      }),
    [top, total],
  );
  const controls = (
    <label className="filter-group">
      <span className="filter-label">Entity</span>
      <ChoiceSelect value={field ?? ''} choices={fields} onChange={setChosen} />
    </label>
  );
  if (!field) {
    return (
      <PanelFrame title="Top entities">
        <StateCard title="Top entities">
          <Empty title="This dataset has no entity or user fields" />
        </StateCard>
      </PanelFrame>
    );
  }
  const note = state.status === 'ready' && state.data.other > 0 ? `Other ${field} values: ${formatInt(state.data.other)} events` : undefined;
  return <ChartPanel title={`Top entities by ${field}`} state={state} view={(d) => rankView(field, d.r, d.other)} deps={[field]} emptyText={`No ${field} values in this range`} controls={controls} height={300} note={note} />;
}
