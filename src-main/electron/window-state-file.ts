/**
 * userData/window-state.json: reading it (a missing or broken file means "no saved state"),
 * writing it (through a temp file, so a crash mid-write never leaves half a JSON), and a small
 * debouncer for the resize/move storm. No electron import; main.ts feeds it the window's bounds.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseWindowState, type WindowState } from './window-state';

export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2));
  renameSync(temp, file);
}

export interface Debounced {
  /** Runs the action `ms` after the last call. */
  (): void;
  /** Runs a pending action now (e.g. on close); nothing when none is pending. */
  flush(): void;
  /** Drops a pending action. */
  cancel(): void;
}

export function debounce(action: () => void, ms: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const run = () => {
    timer = null;
    action();
  };
  const debounced = (() => {
    cancel();
    timer = setTimeout(run, ms);
  }) as Debounced;
  debounced.flush = () => {
    if (timer === null) return;
    cancel();
    action();
  };
  debounced.cancel = cancel;
  return debounced;
}
