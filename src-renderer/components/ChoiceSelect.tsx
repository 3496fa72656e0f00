/** A <select> over plain string choices, each shown as itself (field names, metrics, grains …). */
import type { ReactElement } from 'react';

export function ChoiceSelect<T extends string>({ value, choices, onChange, ariaLabel }: { value: T | ''; choices: readonly T[]; onChange: (v: T) => void; ariaLabel?: string }): ReactElement {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as T)} aria-label={ariaLabel}>
      {choices.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}
