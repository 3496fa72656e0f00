/** The Explore filters: one row per filter (field, op, value; lists and ranges comma-separated). */
import type { ReactElement } from 'react';
import { EXPLORE_OPS, type FilterDraft } from './explore-model';

export interface FilterEditorProps {
  readonly fields: readonly string[];
  readonly filters: readonly FilterDraft[];
  readonly onChange: (filters: FilterDraft[]) => void;
}

const placeholder = (op: string): string => (op === 'between' ? 'low, high' : op === 'in' || op === 'not in' ? 'a, b, c' : 'value');

export function FilterEditor({ fields, filters, onChange }: FilterEditorProps): ReactElement {
  const set = (i: number, patch: Partial<FilterDraft>) => onChange(filters.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="explore-filters" role="group" aria-label="Filters">
      {filters.map((f, i) => (
        <div className="explore-filter" key={i}>
          <select aria-label={`Filter ${i + 1} field`} value={f.field} onChange={(e) => set(i, { field: e.target.value })}>
            {fields.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
          <select aria-label={`Filter ${i + 1} operator`} value={f.op} onChange={(e) => set(i, { op: e.target.value as FilterDraft['op'] })}>
            {EXPLORE_OPS.map((op) => <option key={op} value={op}>{op}</option>)}
          </select>
          {f.op === 'is null' ? null : (
            <input aria-label={`Filter ${i + 1} value`} placeholder={placeholder(f.op)} value={f.value} onChange={(e) => set(i, { value: e.target.value })} />
          )}
          <button type="button" aria-label={`Remove filter ${i + 1}`} onClick={() => onChange(filters.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <button type="button" disabled={fields.length === 0} onClick={() => onChange([...filters, { field: fields[0] ?? '', op: '=', value: '' }])}>Add filter</button>
    </div>
  );
}
