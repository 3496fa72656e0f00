/**
 * The global filter bar both dashboards share: dataset, date range (7 / 14 / 30 / 90 days
 * ending at the dataset's latest timestamp, all, or custom dates), grain, dimension filters and
 * compare to the previous period.
 */
import type { ReactElement } from 'react';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { DimensionFilters } from './DimensionFilters';
import { DASHBOARD_GRAINS, RANGE_DAYS, type DashboardFilters, type DashboardGrain, type DateRange, type TimeExtent } from './filter-model';
import type { DashboardBar } from './useDashboard';
import { formatDateTime } from './format';
import { ChoiceSelect } from '../../components/ChoiceSelect';

const DAY_MS = 86_400_000;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A custom range to start from: the 30 days up to the latest timestamp. */
function initialCustom(extent: TimeExtent | null): DateRange {
  const end = extent?.max ? Date.parse(extent.max) : Date.now();
  return { kind: 'custom', from: dateOnly(end - 29 * DAY_MS), to: dateOnly(end) };
}

export function RangePicker({ range, extent, onChange }: { range: DateRange; extent: TimeExtent | null; onChange: (r: DateRange) => void }) {
  const choices: { id: string; label: string; pick: () => DateRange; active: boolean }[] = [
    ...RANGE_DAYS.map((days) => ({ id: `${days}d`, label: `${days}d`, pick: (): DateRange => ({ kind: 'last', days }), active: range.kind === 'last' && range.days === days })),
    { id: 'all', label: 'All', pick: (): DateRange => ({ kind: 'all' }), active: range.kind === 'all' },
    { id: 'custom', label: 'Custom', pick: () => (range.kind === 'custom' ? range : initialCustom(extent)), active: range.kind === 'custom' },
  ];
  return (
    <div className="filter-group">
      <span className="segmented" role="group" aria-label="Date range">
        {choices.map((c) => (
          <button key={c.id} type="button" aria-pressed={c.active} onClick={() => onChange(c.pick())} title={c.id.endsWith('d') ? `Last ${c.label.slice(0, -1)} days up to the latest timestamp` : undefined}>
            {c.label}
          </button>
        ))}
      </span>
      {range.kind === 'custom' ? (
        <span className="custom-range">
          <input type="date" aria-label="Range start" value={range.from} max={range.to} onChange={(e) => e.target.value && onChange({ ...range, from: e.target.value })} />
          <span className="muted">to</span>
          <input type="date" aria-label="Range end" value={range.to} min={range.from} onChange={(e) => e.target.value && onChange({ ...range, to: e.target.value })} />
        </span>
      ) : null}
    </div>
  );
}

export interface FilterBarProps {
  readonly bar: DashboardBar;
  readonly filters: DashboardFilters;
  readonly info: DatasetInfo | undefined;
  readonly extent: TimeExtent | null;
  /** The grain charts use when it differs from the chosen one. */
  readonly shownGrain?: DashboardGrain;
}

export function FilterBar({ bar, filters, info, extent, shownGrain }: FilterBarProps): ReactElement {
  const { update, candidates } = bar;
  return (
    <section className="filter-bar card" aria-label="Filters">
      <div className="filter-row">
        <label className="filter-group">
          <span className="filter-label">Dataset</span>
          <select value={filters.dataset ?? ''} onChange={(e) => update({ dataset: e.target.value, filters: [] })}>
            {candidates.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name} ({d.kind})
              </option>
            ))}
          </select>
        </label>
        <RangePicker range={filters.range} extent={extent} onChange={(range) => update({ range })} />
        <label className="filter-group">
          <span className="filter-label">Grain</span>
          <ChoiceSelect value={filters.grain} choices={DASHBOARD_GRAINS} onChange={(grain) => update({ grain })} />
          {shownGrain && shownGrain !== filters.grain ? <span className="muted" title="Too many points for a chart at the chosen grain">shown by {shownGrain}</span> : null}
        </label>
        <label className="filter-group">
          <input type="checkbox" checked={filters.compare} onChange={(e) => update({ compare: e.target.checked })} />
          <span>Compare to previous period</span>
        </label>
        <WatermarkNote latest={extent?.max ?? null} />
      </div>
      {info ? <DimensionFilters info={info} filters={filters.filters} onChange={(f) => update({ filters: f })} /> : null}
    </section>
  );
}

/** "latest: …": where the relative ranges end (the dataset's latest timestamp). */
export function WatermarkNote({ latest }: { latest: string | null }): ReactElement | null {
  if (!latest) return null;
  return (
    <span className="filter-watermark muted" title="Relative ranges end at the dataset's latest timestamp">
      latest: {formatDateTime(latest)}
    </span>
  );
}
