/**
 * The saved funnel or retention view a screen opened (`#/funnels/<id>`, `#/retention/<id>`):
 * loaded into the screen (its question, dataset and range) once it is read, and kept as the
 * view that "Save view" updates. A view of another kind is an error.
 */
import { useEffect, useRef, useState } from 'react';
import { isAnalysisView, type AnalysisViewBody, type SavedItem, type ViewAnalysis } from '../../../src-shared/saved';
import { useSavedItem } from '../explore/use-saved';
import { sourceOf, useSourceStore } from './analysis-source';

export type RequestOf<A extends ViewAnalysis> = Extract<AnalysisViewBody, { analysis: A }>['request'];

export interface SavedAnalysis {
  /** The saved view being edited (null: a new one). */
  readonly view: SavedItem<'view'> | null;
  readonly setView: (view: SavedItem<'view'>) => void;
  readonly error: unknown;
}

export function useSavedAnalysis<A extends ViewAnalysis>(id: string | null, analysis: A, load: (request: RequestOf<A>) => void): SavedAnalysis {
  const opened = useSavedItem<'view'>(id);
  const [view, setView] = useState<SavedItem<'view'> | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const item = opened.status === 'ready' ? opened.item : null;
  const fits = item !== null && isAnalysisView(item.body) && item.body.analysis === analysis;
  useEffect(() => {
    if (!item || !isAnalysisView(item.body) || item.body.analysis !== analysis) return;
    const request = item.body.request as RequestOf<A>;
    useSourceStore.getState().update(sourceOf(request));
    loadRef.current(request);
    setView(item);
  }, [item, analysis]);
  useEffect(() => {
    if (id === null) setView(null);
  }, [id]);
  const error = opened.status === 'error' ? opened.error : item && !fits ? new Error(`“${item.name}” is not a saved ${analysis}`) : null;
  return { view: id === null ? null : view, setView, error };
}
