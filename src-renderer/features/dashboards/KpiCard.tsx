/** A KPI card: a value, and its change against the previous period when there is one. */
import type { ReactElement } from 'react';
import { formatNumber } from './format';

export interface Kpi {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Change vs the previous period in percent; null when there is none to compare with. */
  readonly change: number | null;
  readonly previous?: string;
  /** Which direction is good news (colours the change). */
  readonly better: 'up' | 'down' | 'neither';
}

function changeClass(change: number, better: Kpi['better']): string {
  if (change === 0 || better === 'neither') return 'kpi-change';
  const good = better === 'up' ? change > 0 : change < 0;
  return `kpi-change ${good ? 'kpi-good' : 'kpi-bad'}`;
}

export function KpiCard({ kpi }: { kpi: Kpi }): ReactElement {
  const { change } = kpi;
  return (
    <div className="kpi card" data-kpi={kpi.id}>
      <div className="kpi-label">{kpi.label}</div>
      <div className="kpi-value" data-testid={`kpi-${kpi.id}`}>
        {kpi.value}
      </div>
      {change !== null ? (
        <div className={changeClass(change, kpi.better)} title={kpi.previous ? `previous period: ${kpi.previous}` : undefined}>
          {change > 0 ? '▲' : change < 0 ? '▼' : '■'} {formatNumber(Math.abs(change))}% <span className="muted">vs previous</span>
        </div>
      ) : (
        <div className="kpi-change muted">&nbsp;</div>
      )}
    </div>
  );
}
