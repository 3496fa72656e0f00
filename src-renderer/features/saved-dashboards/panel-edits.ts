/** Editing a dashboard's panels: move one earlier or later, resize it, remove it (pure). */
import type { DashboardBody } from '../../../src-shared/saved';

export type PanelEdit =
  | { readonly op: 'move'; readonly by: -1 | 1 }
  | { readonly op: 'resize'; readonly w?: number; readonly h?: number }
  | { readonly op: 'remove' };

export function editPanels(body: DashboardBody, id: string, edit: PanelEdit): DashboardBody {
  const panels = [...body.panels];
  const i = panels.findIndex((p) => p.id === id);
  const panel = panels[i];
  if (!panel) return body;
  if (edit.op === 'remove') panels.splice(i, 1);
  else if (edit.op === 'resize') panels[i] = { ...panel, ...(edit.w ? { w: edit.w } : {}), ...(edit.h ? { h: edit.h } : {}) };
  else {
    const j = i + edit.by;
    if (j < 0 || j >= panels.length) return body;
    panels[i] = panels[j]!;
    panels[j] = panel;
  }
  return { panels };
}
