/**
 * The cohort table: one row per cohort (its start period and size), one cell per period with the
 * % retained (count in the tooltip), shaded by that %; periods not observed yet stay blank.
 */
import type { ReactElement } from 'react';
import type { RetentionResult } from '../../../src-shared/analyses';
import { formatInt, formatPercent } from '../dashboards/format';

const shade = (pct: number) => ({
  background: `color-mix(in srgb, var(--accent) ${Math.round(Math.min(100, Math.max(0, pct)) * 0.85)}%, var(--card))`,
  color: pct >= 55 ? 'var(--accent-fg)' : undefined,
});

export function CohortTable({ result, unit }: { result: RetentionResult; unit: string }): ReactElement {
  const periods = Array.from({ length: result.periods + 1 }, (_, n) => n);
  return (
    <div className="table-scroll">
      <table className="data-table cohort-table" aria-label="Cohorts">
        <thead>
          <tr>
            <th>Cohort ({result.interval})</th>
            <th className="num">{unit}</th>
            {periods.map((n) => (
              <th key={n} className="num">
                {result.interval} {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.cohorts.map((c) => (
            <tr key={c.cohort} data-cohort={c.cohort}>
              <td>{c.cohort}</td>
              <td className="num">{formatInt(c.size)}</td>
              {periods.map((n) => {
                const count = c.counts[n];
                const pct = c.percentages[n];
                if (count === undefined || pct === undefined) return <td key={n} className="num cohort-unseen" title="Not observed yet" />;
                return (
                  <td key={n} className="num cohort-cell" style={shade(pct)} title={`${formatInt(count)} of ${formatInt(c.size)}`} data-count={count}>
                    {formatPercent(pct)}
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
