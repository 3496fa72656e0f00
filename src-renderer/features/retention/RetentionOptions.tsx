/** Start and return events, interval, cohort type, number of periods and unit, in the analysis bar. */
import type { ReactElement } from 'react';
import type { FunnelUnit, RetentionInterval } from '../../../src-shared/analyses';
import { Segmented, type SegmentedOption } from '../../components/Segmented';
import type { RetentionDraft } from './retention-model';
import { useRetentionStore } from './retention-store';

const INTERVALS: readonly SegmentedOption<RetentionInterval>[] = (['day', 'week', 'month'] as const).map((i) => ({ id: i, label: i }));
const COHORTS = [
  { id: 'first_time', label: 'First time', title: 'A unit joins the cohort of the period it first did the start event' },
  { id: 'recurring', label: 'Recurring', title: 'A unit joins the cohort of every period it did the start event' },
] as const;
const UNITS: readonly SegmentedOption<FunnelUnit>[] = [
  { id: 'user', label: 'Users' },
  { id: 'session', label: 'Sessions' },
];

function EventPicker({ label, value, names, onChange }: { label: string; value: string; names: readonly string[]; onChange: (v: string) => void }) {
  return (
    <label className="filter-group">
      <span className="filter-label">{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any event</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RetentionOptions({ draft, names }: { draft: RetentionDraft; names: readonly string[] }): ReactElement {
  const update = useRetentionStore((s) => s.update);
  return (
    <div className="filter-row">
      <EventPicker label="Start event" value={draft.startEvent} names={names} onChange={(startEvent) => update({ startEvent })} />
      <EventPicker label="Return event" value={draft.returnEvent} names={names} onChange={(returnEvent) => update({ returnEvent })} />
      <Segmented label="Interval" options={INTERVALS} value={draft.interval} onChange={(interval) => update({ interval })} />
      <Segmented label="Cohorts" options={COHORTS} value={draft.cohort} onChange={(cohort) => update({ cohort })} />
      <label className="filter-group">
        <span className="filter-label">Periods</span>
        <input
          type="number"
          aria-label="Periods"
          className="periods-input"
          min={1}
          max={52}
          value={draft.periods}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 52) update({ periods: n });
          }}
        />
      </label>
      <Segmented label="Unit" options={UNITS} value={draft.by} onChange={(by) => update({ by })} />
    </div>
  );
}
