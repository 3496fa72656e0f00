import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedDelete, savedDuplicate, savedGet, savedList, savedPut } from '../../src-main/core/saved';
import { Workspace } from '../../src-main/core/workspace';
import type { DashboardBody, SavedPutRequest, ViewBody } from '../../src-shared/saved';
import { tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const VIEW: ViewBody = {
  spec: { dataset: 'jobs', measures: ['p95(generation_seconds)'], dimensions: ['provider'], time: { grain: 'day' }, topN: { n: 5 } },
  chart: 'line',
};
const board = (viewId: string): DashboardBody => ({ panels: [{ id: 'p1', viewId, title: 'p95 by provider', w: 6, h: 2 }] });

describe('saved items', () => {
  it('creates, reads, updates and lists views and dashboards', async () => {
    const view = await savedPut(ws, { kind: 'view', name: '  p95 latency  ', body: VIEW });
    expect(view).toMatchObject({ kind: 'view', name: 'p95 latency', body: VIEW });
    expect(view.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(view.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await savedGet(ws, { id: view.id })).toEqual(view);

    const dash = await savedPut(ws, { kind: 'dashboard', name: 'Ops', body: board(view.id) });
    const renamed = await savedPut(ws, { id: dash.id, kind: 'dashboard', name: 'Ops daily', body: dash.body });
    expect(renamed.id).toBe(dash.id);
    expect(renamed.name).toBe('Ops daily');

    expect((await savedList(ws, { kind: 'view' })).map((i) => i.name)).toEqual(['p95 latency']);
    expect((await savedList(ws)).map((i) => i.name)).toEqual(['Ops daily', 'p95 latency']);
  });

  it('keeps any JSON body for a report', async () => {
    const r = await savedPut(ws, { kind: 'report', name: 'Weekly', body: { blocks: [{ text: 'hi' }] } });
    expect((await savedGet(ws, { id: r.id })).body).toEqual({ blocks: [{ text: 'hi' }] });
    await savedDelete(ws, { id: r.id });
  });

  it('duplicates under "(copy)" or a given name, with a new id', async () => {
    const [view] = await savedList(ws, { kind: 'view' });
    const copy = await savedDuplicate(ws, { id: view!.id });
    expect(copy).toMatchObject({ kind: 'view', name: 'p95 latency (copy)', body: VIEW });
    expect(copy.id).not.toBe(view!.id);
    const named = await savedDuplicate(ws, { id: view!.id, name: 'p95 v2' });
    expect(named.name).toBe('p95 v2');
    await savedDelete(ws, { id: named.id });
    await savedDelete(ws, { id: copy.id });
    await expect(savedGet(ws, { id: copy.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(savedDelete(ws, { id: copy.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(await savedList(ws, { kind: 'view' })).toHaveLength(1);
  });

  it.each<[string, SavedPutRequest | Record<string, unknown>, RegExp]>([
    ['an unknown kind', { kind: 'chart', name: 'x', body: {} }, /unknown saved kind "chart"/],
    ['an empty name', { kind: 'report', name: '   ', body: {} }, /needs a name/],
    ['a name over 200 characters', { kind: 'report', name: 'x'.repeat(201), body: {} }, /201 characters/],
    ['a body over 1 MB', { kind: 'report', name: 'big', body: { text: 'x'.repeat(1_000_001) } }, /bytes of JSON/],
    ['a view with a bad spec', { kind: 'view', name: 'v', body: { spec: { dataset: 'jobs', measures: [] }, chart: 'line' } }, /measures is empty/],
    ['a view with an unknown chart', { kind: 'view', name: 'v', body: { spec: VIEW.spec, chart: 'radar' } }, /unknown chart type "radar"/],
    ['a dashboard without panels', { kind: 'dashboard', name: 'd', body: {} }, /panels/],
    ['a panel 13 columns wide', { kind: 'dashboard', name: 'd', body: { panels: [{ id: 'p', viewId: 'v', title: 't', w: 13, h: 2 }] } }, /panels\[0\].w must be a whole number from 1 to 12/],
    ['a panel without a view', { kind: 'dashboard', name: 'd', body: { panels: [{ id: 'p', title: 't', w: 6, h: 2 }] } }, /needs a viewId or a builtin/],
  ])('refuses %s', async (_, req, message) => {
    await expect(savedPut(ws, req as SavedPutRequest)).rejects.toThrow(message);
  });

  it('refuses to turn an item into another kind', async () => {
    const [view] = await savedList(ws, { kind: 'view' });
    await expect(savedPut(ws, { id: view!.id, kind: 'dashboard', name: 'd', body: { panels: [] } })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('travels with the workspace file, and a read-only workspace refuses writes', async () => {
    const before = await savedList(ws);
    ws.closeSync();
    const ro = await Workspace.open(t.path('ws.tallybook'), { readOnly: true });
    try {
      expect(await savedList(ro)).toEqual(before);
      const dash = before.find((i) => i.kind === 'dashboard')!;
      expect(dash.body).toEqual(board(before.find((i) => i.kind === 'view')!.id));
      await expect(savedPut(ro, { kind: 'report', name: 'r', body: {} })).rejects.toMatchObject({ code: 'read_only' });
      await expect(savedDelete(ro, { id: dash.id })).rejects.toMatchObject({ code: 'read_only' });
      await expect(savedDuplicate(ro, { id: dash.id })).rejects.toMatchObject({ code: 'read_only' });
    } finally {
      ro.closeSync();
    }
    ws = await Workspace.open(t.path('ws.tallybook'));
    expect(await savedList(ws)).toEqual(before);
  });
});
