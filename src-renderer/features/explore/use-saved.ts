/**
 * The saved items of one kind in the open workspace, with the calls that change them; every
 * change reloads the list. Explore (views, "add to dashboard") and My dashboards share it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SavedItem, SavedKind, SavedPutRequest } from '../../../src-shared/saved';
import { api } from '../../api/client';
import { useStore } from '../../store/store';

export type SavedListState<K extends SavedKind = SavedKind> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly items: readonly SavedItem<K>[] }
  | { readonly status: 'error'; readonly error: unknown };

export interface SavedApi<K extends SavedKind> {
  readonly list: SavedListState<K>;
  readonly reload: () => void;
  readonly put: (req: Omit<SavedPutRequest<K>, 'kind'>) => Promise<SavedItem<K>>;
  readonly remove: (id: string) => Promise<void>;
  readonly duplicate: (id: string, name?: string) => Promise<SavedItem<K>>;
}

export function useSaved<K extends SavedKind>(kind: K): SavedApi<K> {
  const workspace = useStore((s) => s.workspace?.path ?? null);
  const [list, setList] = useState<SavedListState<K>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (workspace === null) return;
    let live = true;
    api.savedList({ kind }).then(
      (items) => live && setList({ status: 'ready', items: items as SavedItem<K>[] }),
      (error: unknown) => live && setList({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [kind, workspace, version]);

  const after = useCallback(<T,>(p: Promise<T>): Promise<T> => p.finally(reload), [reload]);
  const put = useCallback((req: Omit<SavedPutRequest<K>, 'kind'>) => after(api.savedPut({ ...req, kind }) as Promise<SavedItem<K>>), [after, kind]);
  const remove = useCallback((id: string) => after(api.savedDelete({ id })), [after]);
  const duplicate = useCallback(
    (id: string, name?: string) => after(api.savedDuplicate(name === undefined ? { id } : { id, name }) as Promise<SavedItem<K>>),
    [after],
  );
  return { list, reload, put, remove, duplicate };
}

/** One saved item by id (null: none asked); reloads when `version` changes. */
export type SavedItemState<K extends SavedKind> =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'ready'; readonly item: SavedItem<K> }
  | { readonly status: 'error'; readonly error: unknown };

export function useSavedItem<K extends SavedKind>(id: string | null, version = 0): SavedItemState<K> {
  const [state, setState] = useState<{ readonly id: string | null; readonly value: SavedItemState<K> }>({ id: null, value: { status: 'loading' } });
  useEffect(() => {
    if (id === null) return;
    let live = true;
    api.savedGet({ id }).then(
      (item) => live && setState({ id, value: { status: 'ready', item: item as SavedItem<K> } }),
      (error: unknown) => live && setState({ id, value: { status: 'error', error } }),
    );
    return () => {
      live = false;
    };
  }, [id, version]);
  if (id === null) return { status: 'idle' };
  return state.id === id ? state.value : { status: 'loading' };
}
