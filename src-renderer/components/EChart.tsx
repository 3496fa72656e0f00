/**
 * The one ECharts component: it owns init, resize, dispose and theme, and exports PNG, SVG and
 * the chart's data as CSV. Feature code passes an option (and the data behind it), never
 * touches the ECharts instance.
 */
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';
import type { ColumnarResult } from '../../src-shared/columnar';
import { useStore } from '../store/store';
import { downloadDataUrl, downloadText, exportFileName, slug, toCsv } from './download';

export type ChartOption = echarts.EChartsCoreOption;

export interface EChartProps {
  readonly title: string;
  readonly option: ChartOption;
  /** The data behind the chart, for "CSV". */
  readonly data?: ColumnarResult;
  readonly height?: number;
  readonly onClick?: (params: { name: string; seriesName?: string; value: unknown; dataIndex: number }) => void;
}

function exportSvg(option: ChartOption, theme: string, width: number, height: number): string {
  const el = document.createElement('div');
  const chart = echarts.init(el, theme, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...option, animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function EChart({ title, option, data, height = 280, onClick }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const theme = useStore((s) => s.effectiveTheme);
  const echartsTheme = theme === 'dark' ? 'dark' : 'light';

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, echartsTheme, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [echartsTheme]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option, echartsTheme]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (p: unknown) => onClick(p as { name: string; seriesName?: string; value: unknown; dataIndex: number });
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick, echartsTheme]);

  const name = slug(title);
  const background = theme === 'dark' ? '#1b1d22' : '#ffffff';
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-actions">
          <button type="button" title="Download PNG" onClick={() => chart.current && downloadDataUrl(exportFileName(title, 'png'), chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }))}>
            PNG
          </button>
          <button type="button" title="Download SVG" onClick={() => downloadText(exportFileName(title, 'svg'), exportSvg({ ...option, backgroundColor: background }, echartsTheme, el.current?.clientWidth ?? 800, height), 'image/svg+xml')}>
            SVG
          </button>
          {data ? (
            <button type="button" title="Download the data as CSV" onClick={() => downloadText(exportFileName(title, 'csv'), toCsv(data), 'text/csv')}>
              CSV
            </button>
          ) : null}
        </span>
      </figcaption>
      <div ref={el} className="chart-canvas" style={{ height }} data-testid={`chart-${name}`} />
    </figure>
  );
}
