/**
 * The single bridge between the sandboxed renderer and the main process: exactly one object,
 * `window.tallybook = { invoke(method, args), on(event, cb), pathForFile(file) }`. ipcRenderer itself is never
 * exposed; the main process re-checks every request (security.ts), so this file stays dumb.
 * Built as CommonJS (out/preload/index.cjs) because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeOutcome } from './security';

function isEventMessage(v: unknown): v is { event: string; payload: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { event?: unknown }).event === 'string';
}

const bridge = {
  /** Calls one TallybookService method; resolves to {ok: true, result} or {ok: false, error}. */
  invoke(method: string, args?: unknown): Promise<InvokeOutcome> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, { method, args }) as Promise<InvokeOutcome>;
  },
  /** Subscribes to one service event (e.g. importProgress); returns the unsubscribe function. */
  on(event: string, callback: (payload: unknown) => void): () => void {
    const listener = (_e: IpcRendererEvent, message: unknown): void => {
      if (isEventMessage(message) && message.event === event) callback(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
  /** The path on disk of a File the user dropped or picked ("" when it has none). */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('tallybook', bridge);
