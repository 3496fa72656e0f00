/**
 * A dashboard panel: its loading, empty and error states in a card the size of the chart (so the
 * grid does not jump), and, once the data is there, the chart through the one EChart component
 * (PNG / SVG / CSV export included).
 */
import { useMemo, type ReactElement, type ReactNode } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { EChart, type ChartOption } from '../../components/EChart';
import { Empty, ErrorState, Loading } from '../../components/States';
import type { Loaded } from './useEngine';

export interface ChartView {
  readonly option: ChartOption;
  /** The data the chart draws, for its CSV export. */
  readonly data: ColumnarResult;
  /** Nothing to draw: the panel shows its empty state instead. */
  readonly empty?: boolean;
}

export interface PanelFrameProps {
  readonly title: string;
  readonly height?: number;
  readonly controls?: ReactNode;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** The card around a panel's state or content, with optional controls on top. */
export function PanelFrame({ title, height = 280, controls, wide, children }: PanelFrameProps): ReactElement {
  return (
    <div className={`panel${wide ? ' panel-wide' : ''}${controls ? ' panel-with-controls' : ''}`} data-panel={title}>
      {controls ? <div className="panel-controls">{controls}</div> : null}
      {children ?? <div style={{ height }} />}
    </div>
  );
}

/** A panel's card holding a state (loading, empty, error) instead of its chart. */
export function StateCard({ title, height = 280, children }: { title: string; height?: number; children: ReactNode }): ReactElement {
  return (
    <figure className="chart panel-state" aria-label={title}>
      <figcaption>
        <span className="chart-title">{title}</span>
      </figcaption>
      <div className="panel-state-body" style={{ minHeight: height }}>
        {children}
      </div>
    </figure>
  );
}

export interface ChartPanelProps<T> {
  readonly title: string;
  readonly state: Loaded<T>;
  /** Builds the chart from the data; called again only when the data (or deps) change. */
  readonly view: (data: T) => ChartView;
  readonly deps?: readonly unknown[];
  readonly emptyText: string;
  readonly emptyDetail?: ReactNode;
  readonly height?: number;
  readonly controls?: ReactNode;
  readonly wide?: boolean;
  /** A note under the chart (e.g. what the filters do not apply to). */
  readonly note?: ReactNode;
}

export function ChartPanel<T>({ title, state, view, deps = [], emptyText, emptyDetail, height = 280, controls, wide, note }: ChartPanelProps<T>): ReactElement {
  // `view` is rebuilt on every render: the data and deps decide when the chart changes.
  const built = useMemo(() => (state.status === 'ready' ? view(state.data) : null), [state, ...deps]);
  let body: ReactNode;
  if (state.status === 'loading') body = <StateCard title={title} height={height}><Loading /></StateCard>;
  else if (state.status === 'error') body = <StateCard title={title} height={height}><ErrorState error={state.error} onRetry={state.retry} /></StateCard>;
  else if (!built || built.empty) body = <StateCard title={title} height={height}><Empty title={emptyText}>{emptyDetail}</Empty></StateCard>;
  else body = <EChart title={title} option={built.option} data={built.data} height={height} />;
  return (
    <PanelFrame title={title} height={height} controls={controls} wide={wide}>
      {body}
      {note ? <div className="panel-note muted">{note}</div> : null}
    </PanelFrame>
  );
}
