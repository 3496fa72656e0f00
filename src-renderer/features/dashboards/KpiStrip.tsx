/**
 * The KPI strip: cards built from one query spec with `compare: "previous_period"`, whose
 * result has, per measure, the value, "<measure> (previous)" and "<measure> (change %)".
 */
import type { ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { ErrorState } from '../../components/States';
import { column, toNumber } from './columnar';
import { KpiCard, type Kpi } from './KpiCard';
import type { Loaded } from './useEngine';

export interface KpiDef {
  readonly id: string;
  readonly label: string;
  /** The measure as written in the spec. */
  readonly measure: string;
  readonly format: (n: number) => string;
  readonly better: Kpi['better'];
  /** Multiplies the value before formatting (rates 0..1 shown as percent). */
  readonly scale?: number;
}

/** The cards for a KPI query's single row; missing values read as 0. */
export function kpisOf(r: ColumnarResult, defs: readonly KpiDef[]): Kpi[] {
  const first = (name: string) => toNumber(column(r, name)[0]);
  return defs.map((d) => {
    const scale = d.scale ?? 1;
    const previous = first(`${d.measure} (previous)`);
    const hasPrevious = r.columns.some((c) => c.name === `${d.measure} (previous)`);
    return {
      id: d.id,
      label: d.label,
      value: d.format((first(d.measure) ?? 0) * scale),
      change: hasPrevious ? first(`${d.measure} (change %)`) : null,
      ...(hasPrevious ? { previous: d.format((previous ?? 0) * scale) } : {}),
      better: d.better,
    };
  });
}

export function KpiStrip({ state, defs }: { state: Loaded<ColumnarResult>; defs: readonly KpiDef[] }): ReactElement {
  if (state.status === 'error') {
    return (
      <section className="kpi-strip" aria-label="Key figures">
        <div className="card kpi-error">
          <ErrorState error={state.error} onRetry={state.retry} />
        </div>
      </section>
    );
  }
  const kpis: Kpi[] = state.status === 'ready' ? kpisOf(state.data, defs) : defs.map((d) => ({ id: d.id, label: d.label, value: '…', change: null, better: d.better }));
  return (
    <section className="kpi-strip" aria-label="Key figures" aria-busy={state.status === 'loading'}>
      {kpis.map((k) => (
        <KpiCard key={k.id} kpi={k} />
      ))}
    </section>
  );
}
