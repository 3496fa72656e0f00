/** Window, unit, mode and breakdown (a column, or a typed attribute key) of the funnel, in the analysis bar. */
import { useState, type ReactElement } from 'react';
import type { FunnelMode, FunnelUnit } from '../../../src-shared/analyses';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { Segmented, type SegmentedOption } from '../../components/Segmented';
import { filterableColumns } from '../dashboards/DimensionFilters';
import { MODES, WINDOWS, type FunnelDraft, type WindowId } from './funnel-model';
import { useFunnelStore } from './funnel-store';

/** The breakdown select's entry that asks for an attribute key instead of a column. */
const ATTRIBUTE = '\u0000attribute';

const UNITS: readonly SegmentedOption<FunnelUnit>[] = [
  { id: 'session', label: 'Sessions' },
  { id: 'user', label: 'Users' },
];

export function FunnelOptions({ draft, info }: { draft: FunnelDraft; info: DatasetInfo }): ReactElement {
  const update = useFunnelStore((s) => s.update);
  const breakdowns = filterableColumns(info).filter((c) => !['event_id', 'event_name', 'session_id', 'user_id'].includes(c));
  const hasAttributes = info.columns.some((c) => c.name === 'attributes');
  const [attribute, setAttribute] = useState(false);
  const byAttribute = attribute || (draft.breakdown !== '' && !breakdowns.includes(draft.breakdown));
  const pickColumn = (breakdown: string) => {
    setAttribute(false);
    update({ breakdown });
  };
  return (
    <div className="filter-row">
      <span className="filter-group">
        <span className="filter-label">Count</span>
        <Segmented label="Unit" options={UNITS} value={draft.by} onChange={(by) => update({ by })} />
      </span>
      <label className="filter-group">
        <span className="filter-label">Window</span>
        <select value={draft.window} onChange={(e) => update({ window: e.target.value as WindowId })}>
          {WINDOWS.map((w) => (
            <option key={w.id} value={w.id}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-group">
        <span className="filter-label">Order</span>
        <select value={draft.mode} onChange={(e) => update({ mode: e.target.value as FunnelMode })} title={MODES.find((m) => m.id === draft.mode)?.title}>
          {MODES.map((m) => (
            <option key={m.id} value={m.id} title={m.title}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-group">
        <span className="filter-label">Breakdown</span>
        <select value={byAttribute ? ATTRIBUTE : draft.breakdown} onChange={(e) => (e.target.value === ATTRIBUTE ? setAttribute(true) : pickColumn(e.target.value))}>
          <option value="">None</option>
          {breakdowns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
          {hasAttributes ? <option value={ATTRIBUTE}>Attribute key…</option> : null}
        </select>
      </label>
      {byAttribute ? (
        <input
          aria-label="Breakdown attribute key"
          placeholder="attribute key, Enter"
          defaultValue={breakdowns.includes(draft.breakdown) ? '' : draft.breakdown}
          onKeyDown={(e) => e.key === 'Enter' && update({ breakdown: e.currentTarget.value.trim() })}
          onBlur={(e) => update({ breakdown: e.currentTarget.value.trim() })}
        />
      ) : null}
    </div>
  );
}
