/** Navigation: the current screen comes from the URL hash (#/jobs, #/dataset/events …). */
import type { StateCreator } from 'zustand';
import type { Store } from './store';

export interface Route {
  readonly screen: string;
  readonly params: readonly string[];
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: parts[0] ?? 'home', params: parts.slice(1) };
}

export interface RouteSlice {
  route: Route;
  navigate(screen: string, ...params: string[]): void;
  hashChanged(hash: string): void;
}

export const createRouteSlice: StateCreator<Store, [], [], RouteSlice> = (set) => ({
  route: parseHash(typeof location !== 'undefined' ? location.hash : ''),
  navigate(screen, ...params) {
    const hash = `#/${[screen, ...params].map(encodeURIComponent).join('/')}`;
    if (location.hash !== hash) location.hash = hash;
    set({ route: { screen, params } });
  },
  hashChanged(hash) {
    set({ route: parseHash(hash) });
  },
});
