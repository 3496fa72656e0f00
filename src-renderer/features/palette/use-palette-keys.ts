/** The global shortcuts: Ctrl/Cmd+K toggles the palette, "?" (outside text fields) shows help. */
import { useEffect } from 'react';
import { isHelpKey, isPaletteKey } from './keys';
import { usePalette } from './palette-store';

export function usePaletteKeys(): void {
  useEffect(() => {
    // Capture: editors (CodeMirror) and inputs must not swallow Ctrl/Cmd+K.
    const onCapture = (e: KeyboardEvent) => {
      if (!isPaletteKey(e)) return;
      e.preventDefault();
      e.stopPropagation();
      usePalette.getState().togglePalette();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isHelpKey(e) || usePalette.getState().open !== null) return;
      e.preventDefault();
      usePalette.getState().openHelp();
    };
    addEventListener('keydown', onCapture, true);
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('keydown', onCapture, true);
      removeEventListener('keydown', onKey);
    };
  }, []);
}
