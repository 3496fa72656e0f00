/** Theme: light, dark or system (follows the OS); applied to the page and to every chart. */
import type { StateCreator } from 'zustand';
import type { Store } from './store';

export type ThemeChoice = 'light' | 'dark' | 'system';

export interface ThemeSlice {
  theme: ThemeChoice;
  effectiveTheme: 'light' | 'dark';
  setTheme(theme: ThemeChoice): void;
  /** Called when the OS preference changes. */
  systemThemeChanged(dark: boolean): void;
}

const KEY = 'tallybook.theme';
const systemDark = () => typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
const resolve = (t: ThemeChoice, dark: boolean): 'light' | 'dark' => (t === 'system' ? (dark ? 'dark' : 'light') : t);

function stored(): ThemeChoice {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
}

export const createThemeSlice: StateCreator<Store, [], [], ThemeSlice> = (set) => {
  const theme = stored();
  return {
    theme,
    effectiveTheme: resolve(theme, systemDark()),
    setTheme(next) {
      localStorage.setItem(KEY, next);
      set({ theme: next, effectiveTheme: resolve(next, systemDark()) });
    },
    systemThemeChanged(dark) {
      set((s) => ({ effectiveTheme: resolve(s.theme, dark) }));
    },
  };
};
