/** The funnel's steps (ordered, movable) or its exclusions: an event picker and property filters per row. */
import type { ReactElement } from 'react';
import { StepFilterForm } from './StepFilterForm';
import { useFunnelStore } from './funnel-store';
import type { StepDraft } from './funnel-model';

export interface StepListProps {
  readonly list: 'steps' | 'exclusions';
  readonly items: readonly StepDraft[];
  readonly eventNames: readonly string[];
  readonly fieldsListId: string;
}

export function StepList({ list, items, eventNames, fieldsListId }: StepListProps): ReactElement {
  const { add, remove, setEvent, move, addFilter, removeFilter } = useFunnelStore.getState();
  const isSteps = list === 'steps';
  const noun = isSteps ? 'step' : 'exclusion';
  return (
    <div className="step-list" aria-label={isSteps ? 'Steps' : 'Exclusions'} role="group">
      {items.map((s, i) => {
        const label = isSteps ? `Step ${i + 1}` : `Exclusion ${i + 1}`;
        return (
          <div key={s.id} className="step-row">
            <span className="step-number">{isSteps ? i + 1 : '⊘'}</span>
            <select aria-label={`${label} event`} value={s.event} onChange={(e) => setEvent(list, s.id, e.target.value)}>
              <option value="">Choose an event…</option>
              {s.event !== '' && !eventNames.includes(s.event) ? <option value={s.event}>{s.event}</option> : null}
              {eventNames.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <StepFilterForm
              filters={s.filters}
              fieldsListId={fieldsListId}
              label={label}
              onAdd={(f) => addFilter(list, s.id, f)}
              onRemove={(index) => removeFilter(list, s.id, index)}
            />
            <span className="step-actions">
              {isSteps ? (
                <>
                  <button type="button" aria-label={`Move ${label} up`} disabled={i === 0} onClick={() => move(s.id, -1)}>
                    ↑
                  </button>
                  <button type="button" aria-label={`Move ${label} down`} disabled={i === items.length - 1} onClick={() => move(s.id, 1)}>
                    ↓
                  </button>
                </>
              ) : null}
              <button type="button" aria-label={`Remove ${label}`} onClick={() => remove(list, s.id)}>
                ×
              </button>
            </span>
          </div>
        );
      })}
      <button type="button" className="add-step" onClick={() => add(list)}>
        + Add {noun}
      </button>
    </div>
  );
}
