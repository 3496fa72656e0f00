/**
 * A funnel result grouped for display: one block per breakdown value (the engine orders them by
 * step-1 count), the first five kept and the rest summed into "Other" (percentages recomputed,
 * no median: medians do not add up). Without a breakdown there is one block.
 */
import type { FunnelStepResult } from '../../../src-shared/analyses';

export const TOP_BLOCKS = 5;

export interface FunnelBlock {
  readonly label: string;
  /** The breakdown value (null = no value); undefined for "all" and "Other". */
  readonly value?: string | null;
  readonly steps: readonly FunnelStepResult[];
}

const pct = (num: number, den: number) => (den === 0 ? 0 : Math.round((10_000 * num) / den) / 100);

function merge(blocks: readonly (readonly FunnelStepResult[])[]): FunnelStepResult[] {
  const first = blocks[0] ?? [];
  const counts = first.map((_, i) => blocks.reduce((sum, b) => sum + (b[i]?.count ?? 0), 0));
  return first.map((s, i) => ({
    step: s.step,
    event_name: s.event_name,
    count: counts[i] ?? 0,
    conversion_from_start: pct(counts[i] ?? 0, counts[0] ?? 0),
    conversion_from_previous: pct(counts[i] ?? 0, counts[i === 0 ? 0 : i - 1] ?? 0),
    median_seconds_to_convert: null,
  }));
}

export function funnelBlocks(result: readonly FunnelStepResult[], hasBreakdown: boolean): FunnelBlock[] {
  if (!hasBreakdown) return [{ label: 'All', steps: result }];
  const groups: FunnelStepResult[][] = [];
  for (const s of result) {
    if (s.step === 1) groups.push([]);
    groups[groups.length - 1]?.push(s);
  }
  const named = (g: FunnelStepResult[]): FunnelBlock => {
    const value = g[0]?.breakdown ?? null;
    return { label: value ?? '(none)', value, steps: g };
  };
  if (groups.length <= TOP_BLOCKS + 1) return groups.map(named);
  return [...groups.slice(0, TOP_BLOCKS).map(named), { label: 'Other', steps: merge(groups.slice(TOP_BLOCKS)) }];
}
