/**
 * The main window's remembered size, position and maximized flag, as pure functions: parsing
 * what userData/window-state.json holds (anything malformed is ignored), and clamping a saved
 * state onto the displays present now, so a window saved on a monitor that is gone, or larger
 * than the screen it lands on, always opens fully visible.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Absent: let the system place the window (centred). */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 840, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

/** How much of the window (each way) must overlap a display for the position to be kept. */
const MIN_VISIBLE = 100;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A WindowState from parsed JSON, or null when it is not one. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isInt(v.width) || !isInt(v.height) || v.width <= 0 || v.height <= 0) return null;
  const state = { width: Math.round(v.width), height: Math.round(v.height), maximized: v.maximized === true };
  return isInt(v.x) && isInt(v.y) ? { ...state, x: Math.round(v.x), y: Math.round(v.y) } : state;
}

/** What to save for a window: its normal (restored) bounds and whether it is maximized. */
export function captureWindowState(normalBounds: Rect, maximized: boolean): WindowState {
  return { x: normalBounds.x, y: normalBounds.y, width: normalBounds.width, height: normalBounds.height, maximized };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/**
 * The state to open with: the saved one (or the default) fitted to the work areas of the
 * displays present now. The size never exceeds the chosen display's work area nor goes below
 * MIN_WINDOW_SIZE (unless the display itself is smaller); the position is kept when enough of
 * the window overlaps a display, moved fully inside that display, and dropped (centred by the
 * system on the primary display, the first work area) when no display shows it.
 */
export function clampWindowState(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const state = saved ?? DEFAULT_WINDOW_STATE;
  const primary = workAreas[0];
  if (!primary) return state;
  const fitSize = (area: Rect) => ({
    width: clamp(state.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width),
    height: clamp(state.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height),
  });
  if (state.x === undefined || state.y === undefined) return { ...fitSize(primary), maximized: state.maximized };
  const rect: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: { area: Rect; visible: number } | null = null;
  for (const area of workAreas) {
    const o = overlap(rect, area);
    if (o.width >= Math.min(MIN_VISIBLE, rect.width) && o.height >= Math.min(MIN_VISIBLE, rect.height)) {
      const visible = o.width * o.height;
      if (!best || visible > best.visible) best = { area, visible };
    }
  }
  if (!best) return { ...fitSize(primary), maximized: state.maximized };
  const { area } = best;
  const size = fitSize(area);
  return {
    x: clamp(state.x, area.x, area.x + area.width - size.width),
    y: clamp(state.y, area.y, area.y + area.height - size.height),
    ...size,
    maximized: state.maximized,
  };
}
