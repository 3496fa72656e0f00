/**
 * The saved dashboards and views the palette offers, loaded when it opens (it mounts on every
 * open; one api.savedList call). A failure leaves the list empty and says so; the rest works.
 */
import { useEffect, useState } from 'react';
import type { SavedItem } from '../../../src-shared/saved';
import { api } from '../../api/client';

export type SavedTargets =
  | { readonly status: 'loading' | 'idle' }
  | { readonly status: 'ready'; readonly items: readonly SavedItem[] }
  | { readonly status: 'error'; readonly error: unknown };

export function useSavedTargets(workspacePath: string | null): SavedTargets {
  const [state, setState] = useState<SavedTargets>({ status: 'loading' });
  useEffect(() => {
    if (workspacePath === null) return;
    let live = true;
    api.savedList({}).then(
      (items) => live && setState({ status: 'ready', items }),
      (error: unknown) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [workspacePath]);
  return workspacePath === null ? { status: 'idle' } : state;
}
