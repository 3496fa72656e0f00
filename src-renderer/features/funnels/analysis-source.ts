/**
 * The events dataset and date range the Funnels and Retention screens analyse: one choice for
 * both screens (kept while the app runs), resolved against the open workspace's datasets — a
 * dataset that is gone falls back to the largest events dataset — into a [from, to) window
 * (relative ranges end at the dataset's latest timestamp). A saved analysis sets both back.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { useStore } from '../../store/store';
import { resolveWindow, type DateRange, type Window } from '../dashboards/filter-model';
import { preferredDataset } from '../dashboards/useDashboard';

interface SourceState {
  readonly dataset: string | null;
  readonly range: DateRange;
  update(patch: Partial<Pick<SourceState, 'dataset' | 'range'>>): void;
}

export const useSourceStore = create<SourceState>()((set) => ({
  dataset: null,
  range: { kind: 'all' },
  update: (patch) => set(patch),
}));

/** The dataset and range of a saved request: its [from, to) window as whole days, or all time. */
export function sourceOf(req: { readonly dataset: string; readonly from?: string; readonly to?: string }): Pick<SourceState, 'dataset' | 'range'> {
  const from = req.from === undefined ? NaN : Date.parse(req.from);
  const to = req.to === undefined ? NaN : Date.parse(req.to);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { dataset: req.dataset, range: Number.isNaN(from) || Number.isNaN(to) || from >= to ? { kind: 'all' } : { kind: 'custom', from: day(from), to: day(to - 1) } };
}

export interface AnalysisSource {
  readonly candidates: readonly DatasetInfo[];
  /** The chosen events dataset; undefined when the workspace has none. */
  readonly info: DatasetInfo | undefined;
  readonly range: DateRange;
  readonly window: Window;
}

const EVENTS = ['events'] as const;

export function useAnalysisSource(): AnalysisSource {
  const datasets = useStore((s) => s.datasets);
  const dataset = useSourceStore((s) => s.dataset);
  const range = useSourceStore((s) => s.range);
  return useMemo(() => {
    const candidates = datasets.filter((d) => d.kind === 'events');
    const info = candidates.find((d) => d.name === dataset) ?? preferredDataset(candidates, EVENTS);
    const window = info ? resolveWindow(range, { min: info.minTime, max: info.maxTime }) : {};
    return { candidates, info, range, window };
  }, [datasets, dataset, range]);
}
