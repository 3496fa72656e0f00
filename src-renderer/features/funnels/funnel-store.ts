/**
 * The Funnels screen's state: the funnel being defined (funnel-model.ts) and the step whose
 * dropped-off units are shown. Kept while the app runs; every change is one action here.
 */
import { create } from 'zustand';
import type { FunnelRequest } from '../../../src-shared/analyses';
import { draftOf, type FunnelDraft, type StepDraft, type StepFilter } from './funnel-model';

/** The bar clicked: dropped off before `step` (2..N), within one breakdown value when given. */
export interface DropOffPick {
  readonly step: number;
  readonly breakdownValue?: string | null;
}

type List = 'steps' | 'exclusions';

interface FunnelState {
  readonly draft: FunnelDraft;
  readonly dropOff: DropOffPick | null;
  update(patch: Partial<Omit<FunnelDraft, List>>): void;
  /** Replaces the funnel with a saved one. */
  load(request: FunnelRequest): void;
  add(list: List, event?: string): void;
  remove(list: List, id: number): void;
  setEvent(list: List, id: number, event: string): void;
  /** Moves a step one place up (-1) or down (+1). */
  move(id: number, by: -1 | 1): void;
  addFilter(list: List, id: number, filter: StepFilter): void;
  removeFilter(list: List, id: number, index: number): void;
  showDropOff(pick: DropOffPick | null): void;
}

let nextId = 1;
const blank = (event = ''): StepDraft => ({ id: nextId++, event, filters: [] });

export const INITIAL_DRAFT: FunnelDraft = { steps: [blank(), blank()], exclusions: [], window: '1d', by: 'session', mode: 'sequential', breakdown: '' };

export const useFunnelStore = create<FunnelState>()((set) => {
  /** Changes the draft; a new funnel forgets the drop-off list shown. */
  const edit = (f: (d: FunnelDraft) => FunnelDraft) => set((s) => ({ draft: f(s.draft), dropOff: null }));
  const mapItem = (list: List, id: number, f: (s: StepDraft) => StepDraft) =>
    edit((d) => ({ ...d, [list]: d[list].map((s) => (s.id === id ? f(s) : s)) }));
  return {
    draft: INITIAL_DRAFT,
    dropOff: null,
    update: (patch) => edit((d) => ({ ...d, ...patch })),
    load: (request) => edit(() => draftOf(request, () => nextId++)),
    add: (list, event) => edit((d) => ({ ...d, [list]: [...d[list], blank(event)] })),
    remove: (list, id) => edit((d) => ({ ...d, [list]: d[list].filter((s) => s.id !== id) })),
    setEvent: (list, id, event) => mapItem(list, id, (s) => ({ ...s, event })),
    move: (id, by) =>
      edit((d) => {
        const i = d.steps.findIndex((s) => s.id === id);
        const j = i + by;
        if (i < 0 || j < 0 || j >= d.steps.length) return d;
        const steps = [...d.steps];
        [steps[i], steps[j]] = [steps[j]!, steps[i]!];
        return { ...d, steps };
      }),
    addFilter: (list, id, filter) => mapItem(list, id, (s) => ({ ...s, filters: [...s.filters, filter] })),
    removeFilter: (list, id, index) => mapItem(list, id, (s) => ({ ...s, filters: s.filters.filter((_, i) => i !== index) })),
    showDropOff: (pick) => set({ dropOff: pick }),
  };
});
