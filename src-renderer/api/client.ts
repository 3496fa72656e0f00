/**
 * The renderer's one client of the engine, derived from the service contract: every method of
 * TallybookService becomes `invoke(method, args)` on whichever transport is present — the
 * Electron preload bridge (window.tallybook) or HTTP to the browser-mode server.
 */
import type { InvokeOutcome, ServiceEvents, ServiceMethod, TallybookService } from '../../src-shared/contract';
import { SERVICE_METHODS } from '../../src-shared/contract';
import type { ErrorShape } from '../../src-shared/errors';

export interface Transport {
  invoke(method: ServiceMethod, args: unknown): Promise<InvokeOutcome>;
  on<K extends keyof ServiceEvents>(event: K, listener: (payload: ServiceEvents[K]) => void): () => void;
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

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser mode. */
    tallybook?: Transport;
  }
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
};

export type Client = TallybookService & { on: Transport['on'] };

export function createClient(transport: Transport): Client {
  const client = { on: transport.on.bind(transport) } as Record<string, unknown>;
  for (const method of SERVICE_METHODS) {
    client[method] = async (args: unknown) => {
      const envelope = await transport.invoke(method, args);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.result;
    };
  }
  return client as unknown as Client;
}

/** The client for this window: Electron's bridge when present, else HTTP. */
export const api: Client = createClient(typeof window !== 'undefined' && window.tallybook ? window.tallybook : httpTransport);

/** A message for the UI from anything thrown. */
export function errorText(e: unknown): { message: string; hint?: string } {
  if (e instanceof ApiError) return { message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return { message: e instanceof Error ? e.message : String(e) };
}
