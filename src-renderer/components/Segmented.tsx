/** A row of toggle buttons choosing one value (unit, interval, cohort type …); the chosen one is pressed. */
import type { ReactElement } from 'react';

export interface SegmentedOption<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly title?: string;
}

export function Segmented<T extends string>({ label, options, value, onChange }: { label: string; options: readonly SegmentedOption<T>[]; value: T; onChange: (v: T) => void }): ReactElement {
  return (
    <span className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.id} type="button" title={o.title} aria-pressed={value === o.id} onClick={() => onChange(o.id)}>
          {o.label}
        </button>
      ))}
    </span>
  );
}
