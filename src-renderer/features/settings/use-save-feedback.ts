/** Saves a settings patch through the store and says how it went: saving, "Saved" for a moment, or the error. */
import { useEffect, useRef, useState } from 'react';
import type { WorkspaceSettings } from '../../../src-shared/datasets';
import { useStore } from '../../store/store';

export type SaveStatus = { readonly state: 'idle' | 'saving' | 'saved' } | { readonly state: 'error'; readonly error: unknown };

export function useSaveSettings(): { status: SaveStatus; save(patch: Partial<WorkspaceSettings>): void } {
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const save = (patch: Partial<WorkspaceSettings>) => {
    clearTimeout(timer.current);
    setStatus({ state: 'saving' });
    useStore
      .getState()
      .saveSettings(patch)
      .then(
        () => {
          setStatus({ state: 'saved' });
          timer.current = setTimeout(() => setStatus({ state: 'idle' }), 2500);
        },
        (error: unknown) => setStatus({ state: 'error', error }),
      );
  };
  return { status, save };
}
