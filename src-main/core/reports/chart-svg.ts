/**
 * Charts as inline SVG through ECharts' server-side renderer (no DOM, no canvas). The namespace
 * declarations are dropped: inline <svg> in HTML needs none, and the report then holds no URL.
 */
import * as echarts from 'echarts';

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 320;

export function renderSvg(option: Record<string, unknown>, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    return chart
      .renderToSVGString()
      .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
      .replace(/\s+(baseProfile|version)="[^"]*"/g, '');
  } finally {
    chart.dispose();
  }
}
