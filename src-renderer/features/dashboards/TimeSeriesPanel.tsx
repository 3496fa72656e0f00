/**
 * A time chart of one or more measures of a grain query spec's result (line, area or bars),
 * made dense so that empty buckets show as zero, with each measure's previous period dashed when
 * the result carries one. Its CSV holds exactly the plotted series.
 */
import type { ReactElement, ReactNode } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { timeChart, type TimeSeriesLine } from './chart-options';
import { column, columnarOf, numbers } from './columnar';
import { ChartPanel, type ChartView } from './Panel';
import type { DashboardContext } from './useDashboard';
import { useDensify } from './useDensify';
import type { Loaded } from './useEngine';

export interface PlottedMeasure {
  /** The measure as written in the spec. */
  readonly measure: string;
  /** The series name in the legend and the CSV. */
  readonly name: string;
  /** Multiplies values (rates 0..1 shown as percent). */
  readonly scale?: number;
}

export interface TimeSeriesPanelProps {
  readonly ctx: DashboardContext;
  readonly title: string;
  readonly state: Loaded<ColumnarResult>;
  readonly measures: readonly PlottedMeasure[];
  readonly kind?: TimeSeriesLine['kind'];
  /** Stack the measures (stacked bars or areas). */
  readonly stack?: string;
  readonly yMax?: number;
  /** Whole numbers only (counts). */
  readonly integer?: boolean;
  readonly valueFormatter?: (v: number) => string;
  readonly emptyText: string;
  readonly controls?: ReactNode;
  readonly note?: ReactNode;
}

const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export function TimeSeriesPanel({ ctx, title, state, measures, kind = 'line', stack, yMax, integer, valueFormatter, emptyText, controls, note }: TimeSeriesPanelProps): ReactElement {
  const densify = useDensify(ctx);
  const view = (raw: ColumnarResult): ChartView => {
    const r = densify(raw);
    const lines: TimeSeriesLine[] = [];
    for (const m of measures) {
      const values = (name: string) => numbers(r, name).map((v) => round2(v === null ? null : v * (m.scale ?? 1)));
      lines.push({ name: m.name, data: values(m.measure), kind, ...(stack ? { stack } : {}) });
      if (r.columns.some((c) => c.name === `${m.measure} (previous)`)) lines.push({ name: `${m.name} (previous period)`, data: values(`${m.measure} (previous)`), previous: true });
    }
    const times = column(r, 'time').map(String);
    return {
      option: timeChart({ times, grain: ctx.grain, series: lines, ...(integer ? { integer } : {}), ...(yMax !== undefined ? { yMax } : {}), ...(valueFormatter ? { valueFormatter } : {}) }),
      data: columnarOf({ time: times, ...Object.fromEntries(lines.map((l) => [l.name, l.data])) }),
      empty: raw.rowCount === 0,
    };
  };
  return <ChartPanel title={title} state={state} view={view} deps={[densify, measures, kind, stack, yMax, integer]} emptyText={emptyText} controls={controls} note={note} />;
}
