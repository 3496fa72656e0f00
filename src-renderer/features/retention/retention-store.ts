/** The Retention screen's question (retention-model.ts), kept while the app runs. */
import { create } from 'zustand';
import { INITIAL_RETENTION, type RetentionDraft } from './retention-model';

interface RetentionState {
  readonly draft: RetentionDraft;
  update(patch: Partial<RetentionDraft>): void;
}

export const useRetentionStore = create<RetentionState>()((set) => ({
  draft: INITIAL_RETENTION,
  update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
}));
