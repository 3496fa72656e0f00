/** Keyboard helpers for the palette's global shortcuts (browser only). */
import { keyNames, type KeyNames } from './shortcuts';

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

export const platformKeys = (): KeyNames => keyNames(isMac());

/** Ctrl+K, or Cmd+K on a Mac (either is accepted everywhere). */
export const isPaletteKey = (e: KeyboardEvent): boolean =>
  (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';

/** True while the user types: inputs, text areas, selects and editors (CodeMirror). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(target.type);
  return false;
}

/** "?" pressed outside any text field, with no Ctrl/Cmd/Alt. */
export const isHelpKey = (e: KeyboardEvent): boolean =>
  e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target);
