/**
 * Adds a measure: count, a function of a field (count_distinct, sum, avg, min, max, p50–p99)
 * or rate(condition). Fields are suggested from the dataset's columns; any other name is taken as
 * a key of an events dataset's JSON attributes (e.g. voice.first_response_ms).
 */
import { useId, useState, type ReactElement } from 'react';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { FIELD_FUNCTIONS, fieldsFor, type FieldFunction } from './explore-model';

type Fn = 'count' | FieldFunction | 'rate';

export function MeasurePicker({ info, onAdd }: { info: DatasetInfo; onAdd: (measure: string) => void }): ReactElement {
  const [fn, setFn] = useState<Fn>('p95');
  const [field, setField] = useState('');
  const [condition, setCondition] = useState('');
  const fields = fn === 'count' || fn === 'rate' ? [] : fieldsFor(fn, info);
  const listId = useId();
  const chosen = field.trim() || (fields[0] ?? '');
  const measure = fn === 'count' ? 'count' : fn === 'rate' ? (condition.trim() ? `rate(${condition.trim()})` : '') : chosen ? `${fn}(${chosen})` : '';
  return (
    <span className="explore-picker">
      <select aria-label="Measure function" value={fn} onChange={(e) => setFn(e.target.value as Fn)}>
        <option value="count">count</option>
        {FIELD_FUNCTIONS.map((f) => <option key={f} value={f}>{f}</option>)}
        <option value="rate">rate</option>
      </select>
      {fn === 'rate' ? (
        <input aria-label="Rate condition" placeholder="status = delivered" value={condition} onChange={(e) => setCondition(e.target.value)} />
      ) : fn !== 'count' ? (
        <>
          <input aria-label="Measure field" list={listId} value={field} placeholder={fields[0] ?? 'attribute key'} onChange={(e) => setField(e.target.value)} />
          <datalist id={listId}>
            {fields.map((f) => <option key={f} value={f} />)}
          </datalist>
        </>
      ) : null}
      <button type="button" disabled={!measure} onClick={() => onAdd(measure)}>Add measure</button>
    </span>
  );
}
