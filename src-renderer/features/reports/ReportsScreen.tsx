/**
 * Reports (`#/reports`, `#/reports/<id>`): compose an evidence report from saved views (as
 * charts, KPIs or tables) and markdown text, reorder and remove blocks, save it as a saved
 * report, preview it, and export one self-contained HTML file built by the engine.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { errorText } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useStore } from '../../store/store';
import { useSaved, useSavedItem } from '../explore/use-saved';
import { AddBlockBar } from './AddBlockBar';
import { BlockEditor } from './BlockEditor';
import { addBlock, emptyDraft, fromSaved, moveBlock, removeBlock, updateBlock, type ReportDraft } from './report-draft';
import { ReportList } from './ReportList';
import { ReportPreview } from './ReportPreview';
import { useReportActions } from './use-report-actions';
import { VerifyPanel } from './VerifyPanel';
import '../explore/explore.css';
import './reports.css';

export const SCREEN_ID = 'reports';

export function ReportsScreen({ params }: { params: readonly string[] }): ReactElement {
  const { workspace, navigate } = useStore(useShallow((s) => ({ workspace: s.workspace, navigate: s.navigate })));
  const views = useSaved('view');
  const reports = useSaved('report');
  const id = params[0] ?? null;
  const open = useSavedItem<'report'>(id);
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft);
  const [message, setMessage] = useState<string | null>(null);
  const actions = useReportActions(reports.put);
  const { clear } = actions;
  const readOnly = workspace?.readOnly ?? false;

  const loaded = open.status === 'ready' ? open.item : null;
  useEffect(() => {
    setDraft(loaded ? fromSaved(loaded) : emptyDraft());
    setMessage(null);
    clear();
  }, [loaded, id, clear]);

  if (!workspace) return <Loading label="Opening the workspace…" />;
  const viewItems = views.list.status === 'ready' ? views.list.items : [];
  const change = (d: ReportDraft) => {
    setDraft(d);
    setMessage(null);
  };
  const save = () =>
    void actions.saveDraft(draft).then(
      (item) => {
        setMessage(`Saved “${item.name}”.`);
        if (item.id !== id) navigate(SCREEN_ID, item.id);
        else setDraft({ ...draft, id: item.id });
      },
      (e: unknown) => setMessage(errorText(e).message),
    );

  return (
    <div className="rp-screen">
      <h1>Reports</h1>
      <div className="rp-layout">
        <div className="rp-side">
          <ReportList reports={reports} openId={id} readOnly={readOnly} onOpen={(r) => (r === null ? navigate(SCREEN_ID) : navigate(SCREEN_ID, r))} />
          <VerifyPanel />
        </div>
        <main className="rp-main">
          {open.status === 'error' ? <ErrorState error={open.error} /> : open.status === 'loading' ? <Loading /> : (
            <>
              <div className="rp-toolbar">
                <input className="rp-title" aria-label="Report title" value={draft.title} onChange={(e) => change({ ...draft, title: e.target.value })} />
                <button type="button" className="primary" disabled={readOnly || actions.busy || !draft.title.trim()} onClick={save}>Save</button>
                <button type="button" disabled={!draft.blocks.length || actions.build.status === 'building'} onClick={() => void actions.render(draft)}>Preview</button>
                <button type="button" disabled={!draft.blocks.length || actions.build.status === 'building'} onClick={() => void actions.exportHtml(draft)}>Export HTML</button>
                <button type="button" disabled={!draft.blocks.length || actions.pdf.status === 'printing'} onClick={() => void actions.exportPdf(draft)}>
                  {actions.pdf.status === 'printing' ? 'Printing PDF…' : 'Export PDF'}
                </button>
                {message ? <span className="muted" role="status">{message}</span> : null}
              </div>
              {actions.pdf.status === 'error' ? <ErrorState error={actions.pdf.error} /> : null}
              {views.list.status === 'error' ? <ErrorState error={views.list.error} onRetry={views.reload} /> : null}
              {draft.blocks.length === 0 ? (
                <Empty title="This report has no blocks yet">Add saved views as charts, KPIs or tables, and text to explain them.</Empty>
              ) : (
                <ol className="rp-blocks">
                  {draft.blocks.map((b, i) => (
                    <BlockEditor
                      key={b.key} block={b.block} index={i} count={draft.blocks.length} views={viewItems}
                      onChange={(block) => change(updateBlock(draft, b.key, block))}
                      onMove={(by) => change(moveBlock(draft, b.key, by))}
                      onRemove={() => change(removeBlock(draft, b.key))}
                    />
                  ))}
                </ol>
              )}
              {views.list.status === 'loading' ? <Loading label="Loading saved views…" /> : <AddBlockBar views={viewItems} onAdd={(block) => change(addBlock(draft, block))} />}
              <ReportPreview build={actions.build} />
            </>
          )}
        </main>
      </div>
    </div>
  );
}
