/**
 * The side effects of the Reports screen: build the report's HTML in the engine (for the
 * preview and the download), and save the draft as a saved item of kind 'report'.
 */
import { useCallback, useState } from 'react';
import type { ReportHtmlResult } from '../../../src-shared/reports';
import type { SavedItem } from '../../../src-shared/saved';
import { api } from '../../api/client';
import { downloadText } from '../../components/download';
import { toDefinition, type ReportDraft } from './report-draft';

export type BuildState =
  | { readonly status: 'idle' | 'building' }
  | { readonly status: 'ready'; readonly result: ReportHtmlResult }
  | { readonly status: 'error'; readonly error: unknown };

export function useReportActions(save: (req: { id?: string; name: string; body: unknown }) => Promise<SavedItem<'report'>>) {
  const [build, setBuild] = useState<BuildState>({ status: 'idle' });
  const [pdf, setPdf] = useState<{ readonly status: 'idle' | 'printing' } | { readonly status: 'error'; readonly error: unknown }>({ status: 'idle' });
  const [busy, setBusy] = useState(false);

  const render = useCallback(async (draft: ReportDraft): Promise<ReportHtmlResult | null> => {
    setBuild({ status: 'building' });
    try {
      const result = await api.reportHtml({ definition: toDefinition(draft) });
      setBuild({ status: 'ready', result });
      return result;
    } catch (error) {
      setBuild({ status: 'error', error });
      return null;
    }
  }, []);

  const exportHtml = useCallback(async (draft: ReportDraft) => {
    const result = await render(draft);
    if (result) downloadText(result.fileName, result.html, 'text/html');
  }, [render]);

  const exportPdf = useCallback(async (draft: ReportDraft) => {
    setPdf({ status: 'printing' });
    try {
      await api.reportPdf({ definition: toDefinition(draft) });
      setPdf({ status: 'idle' });
    } catch (error) {
      setPdf({ status: 'error', error });
    }
  }, []);

  const saveDraft = useCallback(async (draft: ReportDraft): Promise<SavedItem<'report'>> => {
    setBusy(true);
    try {
      const def = toDefinition(draft);
      return await save({ ...(draft.id ? { id: draft.id } : {}), name: def.title, body: def });
    } finally {
      setBusy(false);
    }
  }, [save]);

  const clear = useCallback(() => setBuild({ status: 'idle' }), []);
  return { build, pdf, busy, render, exportHtml, exportPdf, saveDraft, clear };
}
