/**
 * The funnel being defined on the Funnels screen, as plain data, and what it means for the
 * engine: steps (event + property filters), exclusions, window, unit, mode and breakdown become
 * a FunnelRequest once at least two steps have an event — and a saved request becomes a draft
 * again. Pure functions only.
 */
import type { FunnelMode, FunnelRequest, FunnelStep, FunnelUnit } from '../../../src-shared/analyses';
import type { Filter, FilterOp } from '../../../src-shared/query-spec';
import type { Window } from '../dashboards/filter-model';

/** The operators a step filter offers. */
export const STEP_OPS = ['=', '!=', 'in', 'contains', '>', '<'] as const satisfies readonly FilterOp[];
export type StepOp = (typeof STEP_OPS)[number];

export interface StepFilter {
  readonly field: string;
  readonly op: StepOp;
  /** As typed; `in` takes a comma-separated list. */
  readonly value: string;
}

export interface StepDraft {
  /** Stable across reordering (React key). */
  readonly id: number;
  /** '' until an event is picked. */
  readonly event: string;
  readonly filters: readonly StepFilter[];
}

export const WINDOWS = [
  { id: '1h', label: '1 hour', seconds: 3600 },
  { id: '1d', label: '1 day', seconds: 86_400 },
  { id: '7d', label: '7 days', seconds: 7 * 86_400 },
  { id: '14d', label: '14 days', seconds: 14 * 86_400 },
  { id: '30d', label: '30 days', seconds: 30 * 86_400 },
] as const;
export type WindowId = (typeof WINDOWS)[number]['id'];

export const MODES: readonly { id: FunnelMode; label: string; title: string }[] = [
  { id: 'sequential', label: 'Sequential', title: 'Steps in order; other events may happen in between' },
  { id: 'strict', label: 'Strict', title: 'Steps in order with no other event in between' },
  { id: 'any', label: 'Any order', title: 'All steps within the window, in any order' },
];

export interface FunnelDraft {
  readonly steps: readonly StepDraft[];
  readonly exclusions: readonly StepDraft[];
  readonly window: WindowId;
  readonly by: FunnelUnit;
  readonly mode: FunnelMode;
  /** '' for none. */
  readonly breakdown: string;
}

function filterOf(f: StepFilter): Filter {
  if (f.op === 'in') return { field: f.field, op: 'in', value: f.value.split(',').map((s) => s.trim()).filter((s) => s !== '') };
  return { field: f.field, op: f.op, value: f.value };
}

function stepOf(s: StepDraft): FunnelStep {
  return s.filters.length === 0 ? s.event : { event: s.event, filters: s.filters.map(filterOf) };
}

/** The request for the draft over a window, or null while fewer than two steps have an event. */
export function funnelRequest(dataset: string, draft: FunnelDraft, window: Window): FunnelRequest | null {
  const steps = draft.steps.filter((s) => s.event !== '');
  if (steps.length < 2) return null;
  const exclusions = draft.exclusions.filter((s) => s.event !== '');
  return {
    dataset,
    steps: steps.map(stepOf),
    ...(exclusions.length > 0 ? { exclusions: exclusions.map(stepOf) } : {}),
    windowSeconds: WINDOWS.find((w) => w.id === draft.window)?.seconds ?? 14 * 86_400,
    by: draft.by,
    mode: draft.mode,
    ...(draft.breakdown !== '' ? { breakdown: draft.breakdown } : {}),
    ...(window.from !== undefined ? { from: window.from } : {}),
    ...(window.to !== undefined ? { to: window.to } : {}),
  };
}

const textOf = (v: Filter['value']): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));

function draftStep(s: FunnelStep, id: number): StepDraft {
  if (typeof s === 'string') return { id, event: s, filters: [] };
  return { id, event: s.event, filters: (s.filters ?? []).map((f) => ({ field: f.field, op: f.op as StepOp, value: textOf(f.value) })) };
}

/** The draft of a (saved) request; `nextId` numbers its steps. */
export function draftOf(req: FunnelRequest, nextId: () => number): FunnelDraft {
  return {
    steps: req.steps.map((s) => draftStep(s, nextId())),
    exclusions: (req.exclusions ?? []).map((s) => draftStep(s, nextId())),
    window: WINDOWS.find((w) => w.seconds === (req.windowSeconds ?? 14 * 86_400))?.id ?? '14d',
    by: req.by ?? 'session',
    mode: req.mode ?? 'sequential',
    breakdown: req.breakdown ?? '',
  };
}

/** "view → cart (source = web)" */
export function stepLabel(s: StepDraft): string {
  const filters = s.filters.map((f) => `${f.field} ${f.op} ${f.value}`).join(', ');
  return filters ? `${s.event} (${filters})` : s.event;
}

/** The labels of a request's steps, as the Funnels screen shows them. */
export const requestStepLabels = (req: FunnelRequest): string[] => draftOf(req, () => 0).steps.map(stepLabel);
