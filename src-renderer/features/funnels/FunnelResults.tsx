/**
 * The funnel's answer: the conversion chart (click a bar to list the units that dropped off
 * before that step) and the table under it — count, % from step 1 and from the previous step,
 * median time to convert — with a "dropped off" button per step.
 */
import { useCallback, useMemo, type ReactElement } from 'react';
import type { FunnelStepResult } from '../../../src-shared/analyses';
import { formatInt, formatPercent } from '../dashboards/format';
import { funnelBlocks, type FunnelBlock } from './funnel-blocks';
import { FunnelChart } from './FunnelChart';
import { useFunnelStore, type DropOffPick } from './funnel-store';
import { formatDuration } from './format-duration';

export interface FunnelResultsProps {
  readonly result: readonly FunnelStepResult[];
  readonly stepLabels: readonly string[];
  readonly hasBreakdown: boolean;
}

/** Drop-offs of a block's step: within its breakdown value, or all values for "All" and "Other". */
const pickOf = (block: FunnelBlock | undefined, step: number): DropOffPick => (block?.value !== undefined ? { step, breakdownValue: block.value } : { step });

export function FunnelResults({ result, stepLabels, hasBreakdown }: FunnelResultsProps): ReactElement {
  const showDropOff = useFunnelStore((s) => s.showDropOff);
  const blocks = useMemo(() => funnelBlocks(result, hasBreakdown), [result, hasBreakdown]);
  const onClick = useCallback(
    (p: { dataIndex: number; seriesName?: string }) => {
      const step = p.dataIndex + 1;
      if (step < 2) return;
      showDropOff(pickOf(hasBreakdown ? blocks.find((b) => b.label === p.seriesName) : undefined, step));
    },
    [blocks, hasBreakdown, showDropOff],
  );
  return (
    <section className="card funnel-results" aria-label="Funnel result">
      <FunnelChart title="Conversion by step" result={result} stepLabels={stepLabels} hasBreakdown={hasBreakdown} height={340} onClick={onClick} />
      <p className="muted funnel-hint">Click a bar (or a “dropped off” button) to list the units that dropped off before that step.</p>
      <div className="table-scroll">
        <table className="data-table funnel-table">
          <thead>
            <tr>
              {hasBreakdown ? <th>Breakdown</th> : null}
              <th>Step</th>
              <th className="num">Count</th>
              <th className="num">From start</th>
              <th className="num">From previous</th>
              <th className="num">Median time to convert</th>
              <th>Dropped off</th>
            </tr>
          </thead>
          <tbody>
            {blocks.flatMap((b) =>
              b.steps.map((s, i) => {
                const lost = (b.steps[i - 1]?.count ?? 0) - s.count;
                return (
                  <tr key={`${b.label}-${s.step}`} data-step={s.step} data-breakdown={hasBreakdown ? b.label : undefined}>
                    {hasBreakdown ? <td>{i === 0 ? b.label : ''}</td> : null}
                    <td>
                      {s.step}. {stepLabels[s.step - 1] ?? s.event_name}
                    </td>
                    <td className="num">{formatInt(s.count)}</td>
                    <td className="num">{formatPercent(s.conversion_from_start)}</td>
                    <td className="num">{formatPercent(s.conversion_from_previous)}</td>
                    <td className="num">{s.step === 1 ? '—' : formatDuration(s.median_seconds_to_convert)}</td>
                    <td>
                      {s.step > 1 ? (
                        <button type="button" className="link-button" disabled={lost <= 0} onClick={() => showDropOff(pickOf(b, s.step))}>
                          {formatInt(lost)} dropped off
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
