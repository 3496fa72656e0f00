/**
 * Explore: measures × dimensions × grain × filters × chart type over one dataset, with compare
 * to the previous period and top N. The chart and the result table follow the form (debounced);
 * the view can be saved and added to a saved dashboard. `#/explore/<view id>` opens a saved view
 * (a saved funnel or retention table is sent on to its own screen).
 */
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isAnalysisView, type SavedItem } from '../../../src-shared/saved';
import { ExportButtons } from '../../components/ExportButtons';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useStore } from '../../store/store';
import { ColumnarTable } from '../import/ColumnarTable';
import { ExploreForm } from './ExploreForm';
import { fromViewBody, initialState, toSpec, toViewBody, type ExploreState } from './explore-model';
import { SaveBar } from './SaveBar';
import { viewScreen } from './open-view';
import { SavedViewsList } from './SavedViewsList';
import { useSaved, useSavedItem } from './use-saved';
import { useSettledSpec, useViewResult } from './use-view-result';
import { roundedForDisplay } from './view-chart';
import { ViewChart } from './ViewChart';
import './explore.css';

const DEBOUNCE_MS = 300;

export function ExploreScreen({ params }: { params: readonly string[] }): ReactElement {
  const { datasets, workspace, wsState, navigate } = useStore(useShallow((s) => ({ datasets: s.datasets, workspace: s.workspace, wsState: s.workspaceState, navigate: s.navigate })));
  const viewId = params[0] ?? null;
  const opened = useSavedItem<'view'>(viewId);
  const views = useSaved('view');
  const [state, setState] = useState<ExploreState | null>(null);
  const [view, setView] = useState<SavedItem<'view'> | null>(null);

  const openedItem = opened.status === 'ready' ? opened.item : null;
  useEffect(() => {
    if (!openedItem) return;
    if (isAnalysisView(openedItem.body)) {
      // Replaces this history entry, so that "Back" does not come here again.
      location.replace(`#/${viewScreen(openedItem.body)}/${encodeURIComponent(openedItem.id)}`);
      return;
    }
    setState(fromViewBody(openedItem.body));
    setView(openedItem);
  }, [openedItem]);
  useEffect(() => {
    if (viewId === null) setView(null);
  }, [viewId]);

  const current = state ?? (datasets[0] ? initialState(datasets[0].name) : null);
  const info = datasets.find((d) => d.name === current?.dataset) ?? datasets[0];
  const spec = useMemo(() => (current && info ? toSpec(current, info) : { dataset: '', measures: ['count'] }), [current, info]);
  const settled = useSettledSpec(spec, DEBOUNCE_MS);
  const result = useViewResult(info && settled.dataset === info.name && settled.measures.length ? settled : null);

  if (wsState === 'loading' && !workspace) return <Loading label="Opening the workspace…" />;
  if (!current || !info) {
    return (
      <div className="explore-screen">
        <h1>Explore</h1>
        <Empty title="No datasets yet">Import files on the <a href="#/import">Import</a> screen first.</Empty>
      </div>
    );
  }
  const change = (patch: Partial<ExploreState>) => setState({ ...current, ...patch });
  const title = view?.name ?? 'Explore';
  const readOnly = workspace?.readOnly ?? false;

  return (
    <div className="explore-screen">
      <h1>Explore{view ? <span className="muted"> · {view.name}</span> : null}</h1>
      {opened.status === 'error' ? <ErrorState error={opened.error} /> : null}
      <div className="explore-layout">
        <div className="explore-side">
          <ExploreForm datasets={datasets} info={info} state={current} onChange={change} onReset={(s) => setState(s)} />
          <SavedViewsList views={views} openId={view?.id ?? null} onOpen={(id, body) => navigate(viewScreen(body), id)} readOnly={readOnly} />
        </div>
        <div className="explore-main">
          <SaveBar body={toViewBody(current, info)} view={view} readOnly={readOnly} onSaved={(v) => { setView(v); views.reload(); if (v.id !== viewId) navigate('explore', v.id); }} />
          {current.measures.length === 0 ? (
            <Empty title="Pick a measure">Add at least one measure, e.g. count.</Empty>
          ) : result.status === 'loading' ? (
            <div className="card"><Loading label="Running the query…" /></div>
          ) : result.status === 'error' ? (
            <div className="card"><ErrorState error={result.error} onRetry={result.retry} /></div>
          ) : (
            <>
              <div className="explore-chart"><ViewChart title={title} spec={settled} chart={current.chart} result={result.data} /></div>
              {current.chart === 'table' ? null : (
                <section className="card" aria-labelledby="explore-result-heading">
                  <div className="explore-result-head">
                    <h2 id="explore-result-heading">Result <span className="muted">· {result.data.rowCount} rows</span></h2>
                    <ExportButtons what={title} source={{ spec: settled }} />
                  </div>
                  <div className="explore-result-table"><ColumnarTable result={roundedForDisplay(result.data)} label="Explore result" /></div>
                </section>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
