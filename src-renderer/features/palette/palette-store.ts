/** Which overlay is open (the command palette, the shortcuts help, or none). */
import { create } from 'zustand';

export type PaletteOverlay = 'palette' | 'help' | null;

export interface PaletteState {
  open: PaletteOverlay;
  openPalette(): void;
  openHelp(): void;
  /** Ctrl/Cmd+K: opens the palette, or closes it when it is open. */
  togglePalette(): void;
  close(): void;
}

export const usePalette = create<PaletteState>()((set, get) => ({
  open: null,
  openPalette: () => set({ open: 'palette' }),
  openHelp: () => set({ open: 'help' }),
  togglePalette: () => set({ open: get().open === 'palette' ? null : 'palette' }),
  close: () => set({ open: null }),
}));
