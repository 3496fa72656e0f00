/**
 * The IPC door of the engine: the one ipcMain.handle(INVOKE_CHANNEL) handler, with the service
 * injected so it is tested without Electron. Before any service method runs, in this order:
 * - the sender is the app itself: a frame still alive, the main frame (never an iframe, even of
 *   the app), showing an app:// URL (security.ts);
 * - the payload is `{method, args}` with `method` in the contract's allow-list (invocation.ts);
 * - the arguments fit that method's request shape (src-shared/request-shapes.ts, in parseInvocation).
 * The answer is always an InvokeOutcome; nothing thrown crosses the bridge.
 */
import type { ServiceMethod, TallybookService } from '../../src-shared/contract';
import { UserError, toErrorShape } from '../../src-shared/errors';
import { encodeAnswer } from '../../src-shared/wire';
import { isAppUrl, parseInvocation, type InvokeOutcome } from './security';

/** What the handler reads of Electron's IpcMainInvokeEvent (its senderFrame is a WebFrameMain). */
export interface InvokeSender {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Throws a UserError 'bad_request' unless the request comes from the app's own main frame. */
export function checkSender(event: InvokeSender): void {
  const frame = event.senderFrame;
  if (!frame) throw new UserError('bad_request', 'a request from a frame that is gone was refused');
  if (frame.parent !== null) throw new UserError('bad_request', 'a request from an embedded frame was refused');
  if (!isAppUrl(frame.url)) throw new UserError('bad_request', 'a request from outside the app was refused');
}

export interface InvokeDeps {
  /** The engine once it is ready (main.ts waits for the workspace named at launch). */
  service(): Promise<TallybookService>;
  /** Called for every accepted request before it runs (the renderer is listening). */
  onAccepted?(method: ServiceMethod): void;
}

export type InvokeHandler = (event: InvokeSender, payload: unknown) => Promise<InvokeOutcome>;

export function createInvokeHandler(deps: InvokeDeps): InvokeHandler {
  return async (event, payload) => {
    try {
      checkSender(event);
      const { method, args } = parseInvocation(payload);
      deps.onAccepted?.(method);
      const service = await deps.service();
      // Every method takes at most one plain request object (contract.ts), checked above.
      const call = service[method] as (req?: Readonly<Record<string, unknown>>) => Promise<unknown>;
      return { ok: true, result: encodeAnswer(await call.call(service, args), { typedArrays: true }) };
    } catch (e) {
      return { ok: false, error: toErrorShape(e) };
    }
  };
}
