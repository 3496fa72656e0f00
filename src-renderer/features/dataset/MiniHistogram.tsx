/**
 * A column's histogram as a few SVG bars (not an EChart: a profile may have 100 columns).
 * Bins are drawn in order; top values largest first. Each bar's label and count is its tooltip.
 */
import type { ReactElement } from 'react';
import type { ColumnProfile } from '../../../src-shared/datasets';

const WIDTH = 140;
const HEIGHT = 30;

function binLabel(label: string | number): string {
  return typeof label === 'number' ? label.toLocaleString() : label.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

export function MiniHistogram({ column }: { column: ColumnProfile }): ReactElement {
  const bins = column.histogram;
  if (column.histogramKind === 'none' || bins.length === 0) return <span className="muted">—</span>;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const gap = bins.length > 24 ? 0 : 1;
  const barWidth = WIDTH / bins.length;
  const kind = column.histogramKind === 'top_values' ? 'most frequent values' : 'distribution';
  return (
    <svg className="mini-histogram" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${column.name} ${kind}`}>
      {bins.map((b, i) => {
        const h = Math.max(1, (b.count / max) * HEIGHT);
        return (
          <rect key={i} x={i * barWidth} y={HEIGHT - h} width={Math.max(1, barWidth - gap)} height={h}>
            <title>{`${binLabel(b.label)}: ${b.count.toLocaleString()}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}
