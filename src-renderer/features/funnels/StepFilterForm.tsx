/** A step's property filters: removable chips and a small form (field — a column or attribute key —, operator, value). */
import { useState, type ReactElement } from 'react';
import { STEP_OPS, type StepFilter, type StepOp } from './funnel-model';

export interface StepFilterFormProps {
  readonly filters: readonly StepFilter[];
  /** Suggested fields (the dataset's columns); any attribute key may be typed. */
  readonly fieldsListId: string;
  readonly label: string;
  onAdd(f: StepFilter): void;
  onRemove(index: number): void;
}

export function StepFilterForm({ filters, fieldsListId, label, onAdd, onRemove }: StepFilterFormProps): ReactElement {
  const [open, setOpen] = useState(false);
  const [field, setField] = useState('');
  const [op, setOp] = useState<StepOp>('=');
  const [value, setValue] = useState('');
  const add = () => {
    if (field.trim() === '' || value.trim() === '') return;
    onAdd({ field: field.trim(), op, value: value.trim() });
    setField('');
    setValue('');
    setOpen(false);
  };
  return (
    <span className="step-filters">
      {filters.map((f, i) => (
        <span key={i} className="filter-chip">
          {f.field} {f.op} {f.value}
          <button type="button" aria-label={`Remove filter ${f.field} ${f.op} ${f.value} from ${label}`} onClick={() => onRemove(i)}>
            ×
          </button>
        </span>
      ))}
      {open ? (
        <form
          className="add-filter"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input aria-label={`${label} filter field`} list={fieldsListId} placeholder="field or attribute" value={field} onChange={(e) => setField(e.target.value)} />
          <select aria-label={`${label} filter operator`} value={op} onChange={(e) => setOp(e.target.value as StepOp)}>
            {STEP_OPS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <input aria-label={`${label} filter value`} placeholder={op === 'in' ? 'a, b, c' : 'value'} value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit">Add</button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="link-button" onClick={() => setOpen(true)} aria-label={`Add a filter to ${label}`}>
          + filter
        </button>
      )}
    </span>
  );
}
