/**
 * The column mapping as an editable table: each canonical field of the kind with a select of the
 * source columns (prefilled from the preview; "— none —" leaves the field to detection). A
 * derived source (e.g. a hashed id) that is not a column shows as its own option.
 */
import type { ReactElement } from 'react';
import type { ImportPreview } from '../../../src-shared/datasets';

const NONE = '';

export function MappingTable({ preview, overrides, disabled, onChange }: {
  preview: ImportPreview;
  overrides: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (field: string, column: string | null) => void;
}): ReactElement {
  const columns = preview.sourceColumns.map((c) => c.name);
  return (
    <table className="mapping-table" aria-label="Column mapping">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Source column</th>
          <th scope="col">Also read from</th>
        </tr>
      </thead>
      <tbody>
        {preview.fields.map((field) => {
          const sources = preview.mapping[field] ?? [];
          const selected = overrides[field] ?? sources[0] ?? NONE;
          const derived = selected !== NONE && !columns.includes(selected);
          return (
            <tr key={field} className={overrides[field] ? 'mapping-overridden' : undefined}>
              <th scope="row">
                <code>{field}</code>
              </th>
              <td>
                <select
                  aria-label={`Source column for ${field}`}
                  value={selected}
                  disabled={disabled}
                  onChange={(e) => onChange(field, columns.includes(e.target.value) ? e.target.value : null)}
                >
                  <option value={NONE}>— none —</option>
                  {derived ? <option value={selected}>{selected} (derived)</option> : null}
                  {preview.sourceColumns.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name} ({c.type})
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">{sources.slice(1).join(', ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
