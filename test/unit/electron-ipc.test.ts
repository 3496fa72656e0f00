/**
 * The IPC door with forged senders and payloads: nothing reaches the engine unless the request
 * comes from the app's main frame, names a method of the contract and fits its request shape.
 * One recording stand-in proves "never called"; the real engine (a DuckDB workspace in a temp
 * folder) proves a genuine call works and a forged one leaves no file behind.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_METHODS, type InvokeOutcome, type ServiceMethod, type TallybookService } from '../../src-shared/contract';
import { createService } from '../../src-main/core/service';
import { checkSender, createInvokeHandler, type InvokeSender } from '../../src-main/electron/ipc-invoke';
import { REQUEST_SHAPES, checkRequestShape } from '../../src-shared/request-shapes';
import { decodeAnswer } from '../../src-shared/wire';

const dir = mkdtempSync(join(tmpdir(), 'tallybook-ipc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP: InvokeSender = { senderFrame: { url: 'app://tallybook/index.html', parent: null } };

/** A service whose every method records its call and answers its own name. */
function recordingService() {
  const calls: [ServiceMethod, unknown][] = [];
  const service = Object.fromEntries(
    SERVICE_METHODS.map((m) => [m, async (args?: unknown) => (calls.push([m, args]), m)]),
  ) as unknown as TallybookService;
  return { service, calls };
}

function handlerOver(service: TallybookService) {
  const accepted: ServiceMethod[] = [];
  const invoke = createInvokeHandler({ service: async () => service, onAccepted: (m) => void accepted.push(m) });
  return { invoke, accepted };
}

function refused(outcome: InvokeOutcome): string {
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.result)}`);
  expect(outcome.error.code).toBe('bad_request');
  return outcome.error.message;
}

describe('IPC senders', () => {
  it.each<[string, InvokeSender, RegExp]>([
    ['a frame that is gone', { senderFrame: null }, /gone/],
    ['an iframe of the app', { senderFrame: { url: 'app://tallybook/index.html', parent: {} } }, /embedded/],
    ['a remote page', { senderFrame: { url: 'https://evil.example/', parent: null } }, /outside/],
    ['a file:// page', { senderFrame: { url: 'file:///home/me/evil.html', parent: null } }, /outside/],
    ['another app:// host', { senderFrame: { url: 'app://evil/index.html', parent: null } }, /outside/],
    ['the app host on a port', { senderFrame: { url: 'app://tallybook:1/index.html', parent: null } }, /outside/],
    ['a data: page', { senderFrame: { url: 'data:text/html,<script>1</script>', parent: null } }, /outside/],
    ['about:blank', { senderFrame: { url: 'about:blank', parent: null } }, /outside/],
    ['devtools', { senderFrame: { url: 'devtools://devtools/bundled/inspector.html', parent: null } }, /outside/],
    ['an empty URL', { senderFrame: { url: '', parent: null } }, /outside/],
  ])('refuses %s before reading the payload', async (_what, sender, message) => {
    const { service, calls } = recordingService();
    const { invoke, accepted } = handlerOver(service);
    expect(refused(await invoke(sender, { method: 'datasets' }))).toMatch(message);
    expect(() => checkSender(sender)).toThrow(message);
    expect(calls).toEqual([]);
    expect(accepted).toEqual([]);
  });

  it('accepts the app\'s main frame on any of its pages', () => {
    for (const url of ['app://tallybook/index.html', 'app://tallybook/', 'app://TallyBook/index.html#/sql']) {
      expect(() => checkSender({ senderFrame: { url, parent: null } })).not.toThrow();
    }
  });
});

describe('IPC payloads', () => {
  it.each<[string, unknown, RegExp]>([
    ['a string', 'datasets', /must be an object/],
    ['null', null, /must be an object/],
    ['an array', ['datasets'], /must be an object/],
    ['a method outside the contract', { method: 'shutdown' }, /unknown method/],
    ['an engine method the contract leaves out', { method: 'closeSync' }, /unknown method/],
    ['another one', { method: 'writeJobExport', args: { path: '/tmp/x' } }, /unknown method/],
    ['an inherited member', { method: 'hasOwnProperty' }, /unknown method/],
    ['__proto__', JSON.parse('{"method":"__proto__"}'), /unknown method/],
    ['a method that is not a string', { method: { toString: () => 'datasets' } }, /unknown method/],
    ['arguments as an array', { method: 'sql', args: ['SELECT 1'] }, /one object/],
    ['arguments as a string', { method: 'sql', args: 'SELECT 1' }, /one object/],
    ['arguments of a class', { method: 'sql', args: new Date(0) }, /one object/],
    ['arguments to a method that takes none', { method: 'datasets', args: { dataset: 'x' } }, /takes no arguments/],
    ['no arguments to a method that needs them', { method: 'profile' }, /needs a request object/],
    ['no request to a method whose fields are all optional', { method: 'check' }, /needs a request object/],
    ['a missing required field', { method: 'openWorkspace', args: { create: true } }, /needs the field "path"/],
    ['a required field of the wrong kind', { method: 'openWorkspace', args: { path: ['/etc/passwd'] } }, /"path" of openWorkspace must be a string/],
    ['a number where an array is needed', { method: 'importFiles', args: { dataset: 'events', paths: 3 } }, /"paths" of importFiles must be an array/],
    ['a string where a number is needed', { method: 'sqlComplete', args: { sql: 'SEL', cursor: '3' } }, /"cursor" of sqlComplete must be a number/],
    ['a required field only inherited', { method: 'profile', args: Object.create(null) as object }, /needs the field "dataset"/],
  ])('refuses %s and never calls the engine', async (_what, payload, message) => {
    const { service, calls } = recordingService();
    const { invoke, accepted } = handlerOver(service);
    expect(refused(await invoke(APP, payload))).toMatch(message);
    expect(calls).toEqual([]);
    expect(accepted).toEqual([]);
  });

  it('passes a well-formed request to exactly that method, with its arguments untouched', async () => {
    const { service, calls } = recordingService();
    const { invoke, accepted } = handlerOver(service);
    const args = { dataset: 'events', measures: ['count'], filters: [{ field: 'type', op: 'eq', value: 'x' }] };
    expect(await invoke(APP, { method: 'query', args })).toEqual({ ok: true, result: 'query' });
    expect(await invoke(APP, { method: 'datasets', args: undefined })).toEqual({ ok: true, result: 'datasets' });
    expect(await invoke(APP, { method: 'check', args: {} })).toEqual({ ok: true, result: 'check' });
    expect(await invoke(APP, { method: 'setState', args: { key: 'k', value: null } })).toEqual({ ok: true, result: 'setState' });
    expect(calls).toEqual([['query', args], ['datasets', undefined], ['check', {}], ['setState', { key: 'k', value: null }]]);
    expect(accepted).toEqual(['query', 'datasets', 'check', 'setState']);
  });

  it('has a request shape for every method of the contract, and none besides', () => {
    expect(Object.keys(REQUEST_SHAPES).sort()).toEqual([...SERVICE_METHODS].sort());
    const none = SERVICE_METHODS.filter((m) => REQUEST_SHAPES[m] === 'none').sort();
    expect(none).toEqual(['cancelImport', 'cancelQuery', 'datasets', 'openDemo', 'recentWorkspaces', 'settings', 'workspace']);
    expect(() => checkRequestShape('derivedRate', { dataset: 'm', numerator: 'hits', denominator: ['hits', 'misses'] })).not.toThrow();
  });
});

describe('IPC over the real engine', () => {
  const engine = createService(null, { recentFile: join(dir, 'recent.json'), demoPath: join(dir, 'demo.tallybook') });
  const { invoke } = handlerOver(engine);
  afterAll(() => engine.closeSync());

  it('refuses a forged request to create a workspace and leaves no file behind', async () => {
    const path = join(dir, 'forged.tallybook');
    refused(await invoke({ senderFrame: { url: 'https://evil.example/', parent: null } }, { method: 'openWorkspace', args: { path, create: true } }));
    refused(await invoke({ senderFrame: { url: 'app://tallybook/index.html', parent: {} } }, { method: 'openWorkspace', args: { path, create: true } }));
    refused(await invoke(APP, { method: 'openWorkspace', args: { path: [path], create: true } }));
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(dir, 'recent.json'))).toBe(false);
    expect(await invoke(APP, { method: 'workspace' })).toEqual({ ok: true, result: null });
  });

  it('opens a workspace for the app, then answers from it; engine errors come back as data', async () => {
    const path = join(dir, 'real.tallybook');
    expect(await invoke(APP, { method: 'openWorkspace', args: { path, create: true } })).toEqual({ ok: true, result: { path, name: 'real.tallybook', readOnly: false } });
    expect(existsSync(path)).toBe(true);
    expect(await invoke(APP, { method: 'datasets' })).toEqual({ ok: true, result: [] });
    // Number columns cross as typed arrays (one block under structured clone) and decode to the numbers.
    const answer = await invoke(APP, { method: 'sql', args: { sql: 'SELECT range * 1.5 AS x, range AS n FROM range(100)' } });
    if (!answer.ok) throw new Error(answer.error.message);
    const sent = answer.result as { data: { numbers: unknown }[] };
    expect(sent.data[0]!.numbers).toBeInstanceOf(Float64Array);
    expect(sent.data[1]!.numbers).toBeInstanceOf(Int32Array);
    const back = decodeAnswer<{ data: number[][] }>(structuredClone(answer.result));
    expect(back.data).toEqual([Array.from({ length: 100 }, (_, i) => i * 1.5), Array.from({ length: 100 }, (_, i) => i)]);
    const missing = await invoke(APP, { method: 'profile', args: { dataset: 'nope' } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).not.toBe('internal');
  });
});
