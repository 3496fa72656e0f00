/**
 * The renderer's one client of the engine, derived from the service contract: every method of
 * TallybookService becomes `invoke(method, args)` on whichever transport is present — the
 * Electron preload bridge (window.tallybook) or HTTP to the browser-mode server.
 */
import { decodeAnswer } from '../../src-shared/wire';
import type { InvokeOutcome, SaveExportRequest, ServiceEvents, ServiceMethod, TallybookService } from '../../src-shared/contract';
import { SERVICE_METHODS } from '../../src-shared/contract';
import type { ErrorShape } from '../../src-shared/errors';
import type { ReportHtmlRequest } from '../../src-shared/reports';

/** An export the user downloads: the full result of one source, written by the engine. */
export type DownloadRequest = SaveExportRequest;

export interface Transport {
  invoke(method: ServiceMethod, args: unknown): Promise<InvokeOutcome>;
  on<K extends keyof ServiceEvents>(event: K, listener: (payload: ServiceEvents[K]) => void): () => void;
  /** Writes an export and hands it to the user (browser: a download; Electron: a save dialog). */
  download(req: DownloadRequest): Promise<void>;
  /** A report as PDF, printed by headless Chromium on this machine (browser mode). */
  reportPdf(req: ReportHtmlRequest): Promise<void>;
}

/** An engine error as the renderer sees it: code, one-line message, what to do next. */
export class ApiError extends Error implements ErrorShape {
  readonly code: ErrorShape['code'];
  readonly hint?: string;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    if (shape.hint) this.hint = shape.hint;
  }
}

/** What the Electron preload exposes: invoke, on and pathForFile, nothing else. */
export type Bridge = Pick<Transport, 'invoke' | 'on'> & {
  /** The path on disk of a dropped or picked File (Electron's webUtils.getPathForFile); "" when none. */
  pathForFile(file: File): string;
};

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser mode. */
    tallybook?: Bridge;
  }
}

/** Electron: exports go through the main process's save dialog. */
function electronTransport(bridge: Bridge): Transport {
  return {
    invoke: (method, args) => bridge.invoke(method, args),
    on: (event, listener) => bridge.on(event, listener),
    async download(req) {
      const outcome = await bridge.invoke('saveExport', req);
      if (!outcome.ok) throw new ApiError(outcome.error);
    },
    async reportPdf(req) {
      const outcome = await bridge.invoke('saveReportPdf', req);
      if (!outcome.ok) throw new ApiError(outcome.error);
    },
  };
}

/** POSTs JSON and saves the attachment that comes back (its own file name unless one is given). */
async function postForFile(url: string, body: unknown, fileName: string | null): Promise<void> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    const outcome = (await res.json().catch(() => null)) as InvokeOutcome | null;
    throw new ApiError(outcome && !outcome.ok ? outcome.error : { code: 'internal', message: `the download failed (${res.status})` });
  }
  const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url2 = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url2;
  a.download = fileName ?? named ?? 'download';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url2), 1000);
}

export const httpTransport: Transport = {
  async invoke(method, args) {
    let res: Response;
    try {
      res = await fetch(`/api/rpc/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ args: args ?? {} }),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'cannot reach the Tallybook server', hint: 'is `tallybook serve` still running?' } };
    }
    try {
      return (await res.json()) as InvokeOutcome;
    } catch {
      return { ok: false, error: { code: 'internal', message: `the server answered ${res.status} without a result` } };
    }
  },
  on(event, listener) {
    const source = new EventSource('/api/events');
    const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as never);
    source.addEventListener(event, handler as EventListener);
    return () => source.close();
  },
  async download(req) {
    await postForFile('/api/export', req, req.fileName);
  },
  async reportPdf(req) {
    await postForFile('/api/report-pdf', req, null);
  },

};

export type Client = TallybookService & Pick<Transport, 'on' | 'download' | 'reportPdf'>;

export function createClient(transport: Transport): Client {
  const client = { on: transport.on.bind(transport), download: transport.download.bind(transport), reportPdf: transport.reportPdf.bind(transport) } as Record<string, unknown>;
  for (const method of SERVICE_METHODS) {
    client[method] = async (args: unknown) => {
      const envelope = await transport.invoke(method, args);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return decodeAnswer(envelope.result);
    };
  }
  return client as unknown as Client;
}

/** The client for this window: Electron's bridge when present, else HTTP. */
export const api: Client = createClient(typeof window !== 'undefined' && window.tallybook ? electronTransport(window.tallybook) : httpTransport);

/** A message for the UI from anything thrown. */
export function errorText(e: unknown): { message: string; hint?: string } {
  if (e instanceof ApiError) return { message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return { message: e instanceof Error ? e.message : String(e) };
}
