/** A list of removable chips (measures, dimensions) with an "add" control after them. */
import type { ReactElement, ReactNode } from 'react';

export function Chips({ label, items, onRemove, children }: { label: string; items: readonly string[]; onRemove: (i: number) => void; children?: ReactNode }): ReactElement {
  return (
    <div className="explore-chips" role="group" aria-label={label}>
      {items.map((item, i) => (
        <span className="explore-chip" key={`${item}-${i}`}>
          {item}
          <button type="button" aria-label={`Remove ${item}`} title="Remove" onClick={() => onRemove(i)}>×</button>
        </span>
      ))}
      {children}
    </div>
  );
}
