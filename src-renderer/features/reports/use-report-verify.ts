/**
 * Verifying a report file the user picks: only its manifest element travels to the engine
 * (reports can be larger than a request may be), which reruns every panel and compares sources.
 */
import { useCallback, useState } from 'react';
import { REPORT_MANIFEST_ID, type ReportVerification } from '../../../src-shared/reports';
import { api } from '../../api/client';

export type VerifyState =
  | { readonly status: 'idle' | 'checking' }
  | { readonly status: 'done'; readonly file: string; readonly result: ReportVerification }
  | { readonly status: 'error'; readonly error: unknown };

const MANIFEST = new RegExp(`<script type="application/json" id="${REPORT_MANIFEST_ID}">[\\s\\S]*?</script>`);

export function useReportVerify() {
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const verify = useCallback(async (file: File) => {
    setState({ status: 'checking' });
    try {
      const text = await file.text();
      const html = MANIFEST.exec(text)?.[0] ?? text.slice(0, 1000);
      setState({ status: 'done', file: file.name, result: await api.reportVerify({ html }) });
    } catch (error) {
      setState({ status: 'error', error });
    }
  }, []);
  return { state, verify };
}
