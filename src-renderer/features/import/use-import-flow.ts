/**
 * The Import screen's state and engine calls: the form (paths, dataset, kind, redaction), uploads, the
 * preview with the user's mapping overrides (re-previewed on every change), and the import run
 * with its progress events, cancel and summary. Changing the files forgets a stale preview.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetKind, ImportPreview, ImportProgress, ImportRequest, ImportSummary } from '../../../src-shared/datasets';
import { api, ApiError } from '../../api/client';
import { useStore } from '../../store/store';
import { uploadFile } from './upload';

export type KindChoice = DatasetKind | 'auto';

export type PreviewState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly last?: ImportPreview }
  | { readonly status: 'ready'; readonly preview: ImportPreview }
  | { readonly status: 'error'; readonly error: unknown };

export type RunState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly progress: ImportProgress | null }
  | { readonly status: 'done'; readonly summary: ImportSummary }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly error: unknown };

export type UploadState = { readonly busy: boolean; readonly error: unknown };

export const pathsOf = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** "…/exports/Jobs 2025.csv.gz" -> "jobs_2025": a dataset name suggested by the first file. */
export function suggestName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/(\.(gz|csv|tsv|json|ndjson|jsonl|parquet))+$/i, '').replace(/[*?[\]]/g, '');
  const name = stem.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(name) ? name : name ? `d_${name}` : '';
}

export function useImportFlow() {
  const [pathsText, setPathsTextRaw] = useState('');
  const [dataset, setDatasetRaw] = useState('');
  /** The name was filled in from the first file (not typed), so other files may rename it. */
  const [nameSuggested, setNameSuggested] = useState(false);
  const [kind, setKindRaw] = useState<KindChoice>('auto');
  /** Redact personal data in events' attributes and context (ImportRequest.redact). */
  const [redact, setRedact] = useState(false);
  const [overrides, setOverrides] = useState<Readonly<Record<string, string>>>({});
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [upload, setUpload] = useState<UploadState>({ busy: false, error: null });
  const previewSeq = useRef(0);

  useEffect(() => api.on('importProgress', (p) => setRun((r) => (r.status === 'running' ? { status: 'running', progress: p } : r))), []);

  // Files the shell sent (menu, drop, a second launch): prefilled once, here or on arrival.
  const pendingPaths = useStore((s) => s.pendingImportPaths);
  useEffect(() => {
    const paths = pendingPaths && useStore.getState().takePendingImportPaths();
    if (paths) setPathsText(paths.join('\n'));
  }, [pendingPaths]);

  /** Other files or another kind: the preview, its overrides and the last run's result no longer apply. */
  const forgetPreview = () => {
    previewSeq.current++;
    setPreview({ status: 'idle' });
    setOverrides({});
    setRun((r) => (r.status === 'running' ? r : { status: 'idle' }));
  };
  const setPathsText = (text: string) => {
    setPathsTextRaw(text);
    if (nameSuggested) setDatasetRaw('');
    forgetPreview();
  };
  const setDataset = (name: string) => {
    setDatasetRaw(name);
    setNameSuggested(false);
  };
  const setKind = (k: KindChoice) => {
    setKindRaw(k);
    forgetPreview();
  };

  const datasetName = (paths: readonly string[]) => {
    if (dataset.trim()) return dataset.trim();
    const suggested = paths[0] ? suggestName(paths[0]) : '';
    if (suggested) {
      setDatasetRaw(suggested);
      setNameSuggested(true);
    }
    return suggested;
  };

  const requestPreview = async (mapping: Readonly<Record<string, string>>) => {
    const paths = pathsOf(pathsText);
    if (!paths.length) return;
    const name = datasetName(paths);
    const exists = useStore.getState().datasets.some((d) => d.name === name);
    const seq = ++previewSeq.current;
    setPreview((p) => {
      const last = p.status === 'ready' ? p.preview : p.status === 'loading' ? p.last : undefined;
      return last ? { status: 'loading', last } : { status: 'loading' };
    });
    try {
      const result = await api.previewImport({
        paths,
        ...(kind !== 'auto' ? { kind } : {}),
        ...(Object.keys(mapping).length ? { mapping } : {}),
        ...(exists ? { dataset: name } : {}),
      });
      if (seq === previewSeq.current) setPreview({ status: 'ready', preview: result });
    } catch (error) {
      if (seq === previewSeq.current) setPreview({ status: 'error', error });
    }
  };

  const setMapping = (field: string, column: string | null) => {
    const next = { ...overrides };
    if (column === null) delete next[field];
    else next[field] = column;
    setOverrides(next);
    void requestPreview(next);
  };

  const startImport = async () => {
    const paths = pathsOf(pathsText);
    const name = datasetName(paths);
    if (!paths.length || !name) return;
    const req: ImportRequest = {
      dataset: name,
      paths,
      ...(kind !== 'auto' ? { kind } : {}),
      ...(Object.keys(overrides).length ? { mapping: overrides } : {}),
      ...(redact ? { redact: true } : {}),
    };
    setRun({ status: 'running', progress: null });
    try {
      const summary = await api.importFiles(req);
      setRun({ status: 'done', summary });
    } catch (error) {
      setRun(error instanceof ApiError && error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'error', error });
    }
    await useStore.getState().refreshDatasets().catch(() => undefined);
  };

  const cancel = () => {
    void api.cancelImport();
  };

  const uploadFiles = async (files: readonly File[]) => {
    if (!files.length) return;
    setUpload({ busy: true, error: null });
    try {
      const saved: string[] = [];
      for (const f of files) saved.push(await uploadFile(f));
      setPathsText([...pathsOf(pathsText), ...saved].join('\n'));
      setUpload({ busy: false, error: null });
    } catch (error) {
      setUpload({ busy: false, error });
    }
  };

  return {
    pathsText, setPathsText, dataset, setDataset, kind, setKind, redact, setRedact, overrides, preview, run, upload,
    requestPreview: () => requestPreview(overrides),
    setMapping, startImport, cancel, uploadFiles,
    dismissRun: () => setRun({ status: 'idle' }),
  };
}

export type ImportFlow = ReturnType<typeof useImportFlow>;
