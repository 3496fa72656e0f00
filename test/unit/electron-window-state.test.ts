import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureWindowState, clampWindowState, DEFAULT_WINDOW_STATE, parseWindowState, type Rect } from '../../src-main/electron/window-state';
import { debounce, readWindowState, writeWindowState } from '../../src-main/electron/window-state-file';

const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
/** A second monitor to the right of the laptop. */
const RIGHT: Rect = { x: 1440, y: 0, width: 1920, height: 1050 };

describe('clamping the saved window onto the displays present now', () => {
  it('keeps a window that fits on its display', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700, maximized: false };
    expect(clampWindowState(saved, [LAPTOP, RIGHT])).toEqual(saved);
    expect(clampWindowState({ ...saved, x: 1600, maximized: true }, [LAPTOP, RIGHT])).toEqual({ ...saved, x: 1600, maximized: true });
  });

  it('drops the position of a window saved on a monitor that is gone (centred on the primary display)', () => {
    expect(clampWindowState({ x: 2000, y: 100, width: 1200, height: 800, maximized: false }, [LAPTOP])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('drops the position when only a sliver (under 100 px) is visible', () => {
    expect(clampWindowState({ x: 1380, y: 100, width: 800, height: 600, maximized: false }, [LAPTOP])).toEqual({ width: 800, height: 600, maximized: false });
  });

  it('moves a partly visible window fully inside the display that shows most of it', () => {
    expect(clampWindowState({ x: -300, y: -40, width: 1000, height: 700, maximized: false }, [LAPTOP])).toEqual({ x: 0, y: 0, width: 1000, height: 700, maximized: false });
    // Straddling both monitors, mostly on the right one: lands inside the right one.
    expect(clampWindowState({ x: 1200, y: 900, width: 1000, height: 600, maximized: false }, [LAPTOP, RIGHT])).toEqual({ x: 1440, y: 450, width: 1000, height: 600, maximized: false });
  });

  it('shrinks a window larger than its display to the work area', () => {
    expect(clampWindowState({ x: 0, y: 0, width: 2560, height: 1400, maximized: true }, [LAPTOP])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: true });
  });

  it('grows a tiny window to the minimum size, but never beyond a small display', () => {
    expect(clampWindowState({ width: 200, height: 100, maximized: false }, [LAPTOP])).toEqual({ width: 720, height: 480, maximized: false });
    expect(clampWindowState({ width: 900, height: 700, maximized: false }, [{ x: 0, y: 0, width: 640, height: 400 }])).toEqual({ width: 640, height: 400, maximized: false });
  });

  it('uses the default without a saved state, and leaves it alone when no display is known', () => {
    expect(clampWindowState(null, [LAPTOP])).toEqual({ width: 1280, height: 840, maximized: false });
    expect(clampWindowState(null, [])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('respects displays at negative coordinates (a monitor left of the primary)', () => {
    const left: Rect = { x: -1920, y: 0, width: 1920, height: 1080 };
    expect(clampWindowState({ x: -1800, y: 20, width: 1000, height: 700, maximized: false }, [LAPTOP, left])).toEqual({ x: -1800, y: 20, width: 1000, height: 700, maximized: false });
  });
});

describe('window-state.json', () => {
  it('parses only well-formed states', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 800, height: 600, maximized: true })).toEqual({ x: 10, y: 20, width: 800, height: 600, maximized: true });
    expect(parseWindowState({ width: 800, height: 600 })).toEqual({ width: 800, height: 600, maximized: false });
    expect(parseWindowState({ x: 1, width: 800, height: 600 })).toEqual({ width: 800, height: 600, maximized: false });
    for (const bad of [null, 'x', [], {}, { width: 0, height: 600 }, { width: '800', height: 600 }, { width: Infinity, height: 1 }]) expect(parseWindowState(bad)).toBeNull();
  });

  it('round-trips through the file, and reads a missing or broken file as no state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tallybook-window-'));
    const file = join(dir, 'nested', 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    const state = captureWindowState({ x: 5, y: 6, width: 900, height: 700 }, true);
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    writeFileSync(file, '{"width": 9');
    expect(readWindowState(file)).toBeNull();
  });
});

describe('debounce', () => {
  afterEach(() => void vi.useRealTimers());

  it('runs once after the last call, flushes a pending run at once, and cancels', () => {
    vi.useFakeTimers();
    const action = vi.fn();
    const later = debounce(action, 500);
    later();
    vi.advanceTimersByTime(400);
    later();
    vi.advanceTimersByTime(400);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(action).toHaveBeenCalledTimes(1);
    later();
    later.flush();
    expect(action).toHaveBeenCalledTimes(2);
    later.flush();
    expect(action).toHaveBeenCalledTimes(2);
    later();
    later.cancel();
    vi.advanceTimersByTime(1000);
    expect(action).toHaveBeenCalledTimes(2);
  });
});
