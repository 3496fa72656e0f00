/**
 * The retention question on the Retention screen, as plain data, its request, and the curve:
 * the average % retained per period, weighted by cohort size over the cohorts that observed
 * that period (total retained / total size). Pure functions only.
 */
import type { FunnelUnit, RetentionCohort, RetentionInterval, RetentionRequest } from '../../../src-shared/analyses';
import type { Window } from '../dashboards/filter-model';

export interface RetentionDraft {
  /** '' = any event. */
  readonly startEvent: string;
  readonly returnEvent: string;
  readonly interval: RetentionInterval;
  readonly cohort: 'first_time' | 'recurring';
  readonly periods: number;
  readonly by: FunnelUnit;
}

export const INITIAL_RETENTION: RetentionDraft = { startEvent: '', returnEvent: '', interval: 'week', cohort: 'first_time', periods: 4, by: 'user' };

export function retentionRequest(dataset: string, d: RetentionDraft, window: Window): RetentionRequest {
  return {
    dataset,
    ...(d.startEvent !== '' ? { startEvent: d.startEvent } : {}),
    ...(d.returnEvent !== '' ? { returnEvent: d.returnEvent } : {}),
    interval: d.interval,
    cohort: d.cohort,
    periods: d.periods,
    by: d.by,
    ...(window.from !== undefined ? { from: window.from } : {}),
    ...(window.to !== undefined ? { to: window.to } : {}),
  };
}

/** The draft of a (saved) request, with the engine's defaults for what it leaves out. */
export function retentionDraftOf(req: RetentionRequest): RetentionDraft {
  return {
    startEvent: req.startEvent ?? '',
    returnEvent: req.returnEvent ?? '',
    interval: req.interval ?? 'week',
    cohort: req.cohort ?? 'first_time',
    periods: req.periods ?? 8,
    by: req.by ?? 'user',
  };
}

/** "Users" or "Sessions": the cohort table's size column. */
export const unitLabel = (by: FunnelUnit | undefined): string => (by === 'session' ? 'Sessions' : 'Users');

export interface CurvePoint {
  readonly period: number;
  readonly retained: number;
  readonly size: number;
  /** retained / size × 100, 2 decimals; null when no cohort observed the period. */
  readonly percent: number | null;
}

export function retentionCurve(cohorts: readonly RetentionCohort[], periods: number): CurvePoint[] {
  return Array.from({ length: periods + 1 }, (_, n) => {
    const seen = cohorts.filter((c) => c.counts.length > n);
    const retained = seen.reduce((s, c) => s + (c.counts[n] ?? 0), 0);
    const size = seen.reduce((s, c) => s + c.size, 0);
    return { period: n, retained, size, percent: size === 0 ? null : Math.round((10_000 * retained) / size) / 100 };
  });
}
