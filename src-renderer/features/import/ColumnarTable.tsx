/** A small plain table of a ColumnarResult (a preview's first rows, a page of rejected rows). */
import type { ReactElement } from 'react';
import type { CellValue, ColumnarResult } from '../../../src-shared/columnar';

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function ColumnarTable({ result, label, firstRowNumber = 1 }: { result: ColumnarResult; label: string; firstRowNumber?: number }): ReactElement {
  const rows = Array.from({ length: result.rowCount }, (_, r) => r);
  return (
    <div className="columnar-scroll">
      <table className="columnar-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="columnar-rownum">#</th>
            {result.columns.map((c) => (
              <th key={c.name} scope="col" title={c.type}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <td className="columnar-rownum">{firstRowNumber + r}</td>
              {result.data.map((col, c) => {
                const value = text(col[r]);
                return (
                  <td key={c} title={value.length > 30 ? value : undefined}>
                    {value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
