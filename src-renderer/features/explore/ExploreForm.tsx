/** The Explore controls: dataset, measures, dimensions, grain and range, filters, chart, top N. */
import type { ReactElement } from 'react';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { GRAINS, type Grain } from '../../../src-shared/query-spec';
import { CHART_TYPES, type ChartType } from '../../../src-shared/saved';
import { Chips } from './Chips';
import { CHART_LABELS, initialState, plainColumns, RANGES, type ExploreState } from './explore-model';
import { FilterEditor } from './FilterEditor';
import { MeasurePicker } from './MeasurePicker';

export interface ExploreFormProps {
  readonly datasets: readonly DatasetInfo[];
  readonly info: DatasetInfo;
  readonly state: ExploreState;
  readonly onChange: (patch: Partial<ExploreState>) => void;
  readonly onReset: (state: ExploreState) => void;
}

const without = <T,>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);

export function ExploreForm({ datasets, info, state, onChange, onReset }: ExploreFormProps): ReactElement {
  const columns = plainColumns(info);
  const free = columns.filter((c) => !state.dimensions.includes(c));
  return (
    <div className="explore-form card">
      <label className="explore-field">
        <span>Dataset</span>
        <select value={state.dataset} onChange={(e) => onReset(initialState(e.target.value))}>
          {datasets.map((d) => <option key={d.name} value={d.name}>{d.name}</option>)}
        </select>
      </label>
      <div className="explore-field">
        <span>Measures</span>
        <Chips label="Measures" items={state.measures} onRemove={(i) => onChange({ measures: without(state.measures, i) })}>
          <MeasurePicker info={info} onAdd={(m) => !state.measures.includes(m) && onChange({ measures: [...state.measures, m] })} />
        </Chips>
      </div>
      <div className="explore-field">
        <span>Break down by</span>
        <Chips label="Dimensions" items={state.dimensions} onRemove={(i) => onChange({ dimensions: without(state.dimensions, i) })}>
          <select aria-label="Add a dimension" value="" onChange={(e) => e.target.value && onChange({ dimensions: [...state.dimensions, e.target.value] })}>
            <option value="">+ dimension…</option>
            {free.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </Chips>
      </div>
      <div className="explore-row">
        <label className="explore-field">
          <span>Grain</span>
          <select value={state.grain} onChange={(e) => onChange({ grain: e.target.value as Grain | '' })}>
            <option value="">none (totals)</option>
            {GRAINS.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        <label className="explore-field">
          <span>Range</span>
          <select value={state.range} onChange={(e) => onChange({ range: e.target.value, ...(e.target.value ? {} : { compare: false }) })}>
            {RANGES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </label>
        <label className="explore-check" title={state.range ? '' : 'pick a range to compare with the one before'}>
          <input type="checkbox" checked={state.compare} disabled={!state.range} onChange={(e) => onChange({ compare: e.target.checked })} />
          Compare to previous period
        </label>
      </div>
      <div className="explore-field">
        <span>Filters</span>
        <FilterEditor fields={columns} filters={state.filters} onChange={(filters) => onChange({ filters })} />
      </div>
      <div className="explore-row">
        <label className="explore-field">
          <span>Chart</span>
          <select value={state.chart} onChange={(e) => onChange({ chart: e.target.value as ChartType })}>
            {CHART_TYPES.map((c) => <option key={c} value={c}>{CHART_LABELS[c]}</option>)}
          </select>
        </label>
        <label className="explore-field">
          <span>Top N (rest as “Other”)</span>
          <input
            type="number" min={0} max={1000} value={state.topN || ''} placeholder="all" disabled={state.dimensions.length === 0}
            onChange={(e) => onChange({ topN: Math.max(0, Math.min(1000, Math.floor(Number(e.target.value) || 0))) })}
          />
        </label>
      </div>
    </div>
  );
}
