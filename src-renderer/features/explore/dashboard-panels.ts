/** Building dashboard bodies: a new panel for a saved view, appended at the end. */
import type { DashboardBody, DashboardPanel } from '../../../src-shared/saved';

export const DEFAULT_PANEL = { w: 6, h: 2 } as const;

export const newPanel = (viewId: string, title: string): DashboardPanel => ({ id: crypto.randomUUID(), viewId, title, ...DEFAULT_PANEL });

export const withPanel = (body: DashboardBody, panel: DashboardPanel): DashboardBody => ({ panels: [...body.panels, panel] });
