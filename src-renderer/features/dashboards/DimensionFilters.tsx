/**
 * Dimension filters of the filter bar: the active ones as removable chips, and a small form to
 * add one (field, =, != or in, value — with the field's most frequent values as suggestions).
 * The suggestions are asked for only once the value box is used: at 10M events ranking a
 * column's values takes up to a second, which opening a dashboard must not wait for. The field
 * to start with is not the rows' unique id, whose values all count 1.
 */
import { useState, type ReactElement } from 'react';
import { ID_COLUMN, type DatasetInfo } from '../../../src-shared/datasets';
import { api } from '../../api/client';
import { BAR_OPS, type BarOp, type DimensionFilter } from './filter-model';
import { keyOf, useEngine } from './useEngine';

const SUGGESTIONS = 30;

/** Columns worth filtering on: not timestamps, not JSON blobs. */
export function filterableColumns(info: DatasetInfo): string[] {
  return info.columns.filter((c) => !/TIMESTAMP|DATE|JSON|\[\]|STRUCT|MAP/i.test(c.type)).map((c) => c.name);
}

function useTopValues(info: DatasetInfo, field: string): string[] {
  const state = useEngine(field ? keyOf('values', info.name, info.version, field) : null, async () => {
    const r = await api.query({ dataset: info.name, measures: ['count'], dimensions: [field], order: [{ field: 'count', dir: 'desc' }], limit: SUGGESTIONS });
    return (r.data[0] ?? []).filter((v) => v !== null).map(String);
  });
  return state.status === 'ready' ? state.data : [];
}

function AddFilter({ info, onAdd }: { info: DatasetInfo; onAdd: (f: DimensionFilter) => void }) {
  const fields = filterableColumns(info);
  const [field, setField] = useState(fields.find((f) => f !== ID_COLUMN[info.kind]) ?? fields[0] ?? '');
  const [op, setOp] = useState<BarOp>('=');
  const [value, setValue] = useState('');
  const [wanted, setWanted] = useState(false);
  const suggestions = useTopValues(info, wanted ? field : '');
  const listId = `filter-values-${info.name}`;
  const add = () => {
    if (!field || value.trim() === '') return;
    onAdd({ field, op, value: value.trim() });
    setValue('');
  };
  return (
    <form
      className="add-filter"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <select aria-label="Filter field" value={field} onChange={(e) => setField(e.target.value)}>
        {fields.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </select>
      <select aria-label="Filter operator" value={op} onChange={(e) => setOp(e.target.value as BarOp)}>
        {BAR_OPS.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <input aria-label="Filter value" list={listId} value={value} placeholder={op === 'in' ? 'a, b, c' : 'value'} onFocus={() => setWanted(true)} onChange={(e) => setValue(e.target.value)} />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <button type="submit" disabled={!field || value.trim() === ''}>
        Add filter
      </button>
    </form>
  );
}

export function DimensionFilters({ info, filters, onChange }: { info: DatasetInfo; filters: readonly DimensionFilter[]; onChange: (f: DimensionFilter[]) => void }): ReactElement {
  return (
    <div className="filter-row dimension-filters">
      <span className="filter-label">Filters</span>
      {filters.length === 0 ? <span className="muted">none</span> : null}
      {filters.map((f, i) => (
        <span key={`${f.field}-${i}`} className="filter-chip">
          <code>
            {f.field} {f.op} {f.value}
          </code>
          <button type="button" aria-label={`Remove filter ${f.field} ${f.op} ${f.value}`} onClick={() => onChange(filters.filter((_, j) => j !== i))}>
            ×
          </button>
        </span>
      ))}
      <AddFilter key={info.name} info={info} onAdd={(f) => onChange([...filters, f])} />
    </div>
  );
}
