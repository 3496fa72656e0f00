/**
 * "Chart this result": x and y columns and a line or bar chart of the result's first page (the
 * rows already on screen; aggregated results are small), drawn with EChart.
 */
import { useMemo, useState, type ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { EChart, type ChartOption } from '../../components/EChart';
import { Empty } from '../../components/States';

const isNumeric = (type: string) => /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC/.test(type.toUpperCase());

type Kind = 'line' | 'bar';

function chartOption(result: ColumnarResult, x: number, y: number, kind: Kind): ChartOption {
  const xs = (result.data[x] ?? []).map((v) => (v === null ? 'null' : String(v)));
  const ys = (result.data[y] ?? []).map((v) => (typeof v === 'number' ? v : v === null ? null : Number(v)));
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 20, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: xs, name: result.columns[x]?.name, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: result.columns[y]?.name },
    series: [{ type: kind, name: result.columns[y]?.name, data: ys, showSymbol: xs.length < 60 }],
  };
}

function ColumnSelect({ label, value, options, onChange }: { label: string; value: number; options: readonly { index: number; name: string }[]; onChange: (i: number) => void }) {
  return (
    <label className="sql-chart-field">
      <span className="muted">{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((o) => (
          <option key={o.index} value={o.index}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ResultChart({ result }: { result: ColumnarResult }): ReactElement {
  const all = result.columns.map((c, index) => ({ index, name: c.name }));
  const numeric = all.filter((c) => isNumeric(result.columns[c.index]?.type ?? ''));
  const [x, setX] = useState(0);
  const [y, setY] = useState(() => numeric.find((c) => c.index !== 0)?.index ?? numeric[0]?.index ?? -1);
  const [kind, setKind] = useState<Kind>('bar');
  const option = useMemo(() => (y >= 0 ? chartOption(result, x, y, kind) : null), [result, x, y, kind]);
  if (numeric.length === 0 || !option) return <Empty title="Nothing to chart">The result has no numeric column for the y axis.</Empty>;
  return (
    <div className="sql-chart">
      <div className="sql-chart-controls" role="group" aria-label="Chart settings">
        <ColumnSelect label="X" value={x} options={all} onChange={setX} />
        <ColumnSelect label="Y" value={y} options={numeric} onChange={setY} />
        <label className="sql-chart-field">
          <span className="muted">Chart</span>
          <select aria-label="Chart type" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="bar">Bar</option>
            <option value="line">Line</option>
          </select>
        </label>
        <span className="muted">first {result.rowCount.toLocaleString()} rows</span>
      </div>
      <EChart title="Query result" option={option} data={result} height={300} />
    </div>
  );
}
