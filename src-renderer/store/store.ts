/** One store built from typed slices (zustand slices pattern); components select what they need. */
import { create } from 'zustand';
import { createRouteSlice, type RouteSlice } from './route-slice';
import { createShellSlice, type ShellSlice } from './shell-slice';
import { createThemeSlice, type ThemeSlice } from './theme-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type Store = ThemeSlice & WorkspaceSlice & RouteSlice & ShellSlice;

export const useStore = create<Store>()((...a) => ({
  ...createThemeSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createRouteSlice(...a),
  ...createShellSlice(...a),
}));
