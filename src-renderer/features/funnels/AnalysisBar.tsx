/** The bar on top of Funnels and Retention: events dataset, date range, then the screen's own controls. */
import type { ReactElement, ReactNode } from 'react';
import { RangePicker, WatermarkNote } from '../dashboards/FilterBar';
import { useSourceStore, type AnalysisSource } from './analysis-source';

export function AnalysisBar({ source, children }: { source: AnalysisSource; children?: ReactNode }): ReactElement {
  const update = useSourceStore((s) => s.update);
  const { info, candidates, range } = source;
  const extent = info ? { min: info.minTime, max: info.maxTime } : null;
  return (
    <section className="filter-bar card analysis-bar" aria-label="Analysis settings">
      <div className="filter-row">
        <label className="filter-group">
          <span className="filter-label">Dataset</span>
          <select value={info?.name ?? ''} onChange={(e) => update({ dataset: e.target.value })}>
            {candidates.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <RangePicker range={range} extent={extent} onChange={(r) => update({ range: r })} />
        <WatermarkNote latest={extent?.max ?? null} />
      </div>
      {children}
    </section>
  );
}
