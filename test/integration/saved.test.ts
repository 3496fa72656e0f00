import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFunnel } from '../../src-main/core/analyses/funnel';
import { runRetention } from '../../src-main/core/analyses/retention';
import { quoteLiteral } from '../../src-main/core/identifiers';
import { savedDelete, savedDuplicate, savedGet, savedList, savedPut } from '../../src-main/core/saved';
import { Workspace } from '../../src-main/core/workspace';
import { isAnalysisView, type DashboardBody, type FunnelViewBody, type RetentionViewBody, type SavedPutRequest, type SavedViewBody, type ViewBody } from '../../src-shared/saved';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

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

describe('saved funnel and retention views', () => {
  const kindOf = (b: SavedViewBody) => (isAnalysisView(b) ? b.analysis : 'query');
  const FUNNEL: FunnelViewBody = {
    analysis: 'funnel',
    request: { dataset: 'shop', steps: ['view', { event: 'cart', filters: [{ field: 'source', op: '=', value: 'web' }] }, 'checkout'], windowSeconds: 86_400, by: 'session', mode: 'sequential', breakdown: 'source' },
  };
  const RETENTION: RetentionViewBody = { analysis: 'retention', request: { dataset: 'shop', interval: 'week', cohort: 'first_time', periods: 4, by: 'user', from: '2025-11-03T00:00:00.000Z' } };

  it('saves, reads and lists them next to query views, and dashboards can hold them', async () => {
    const funnel = await savedPut(ws, { kind: 'view', name: 'Checkout funnel', body: FUNNEL });
    const retention = await savedPut(ws, { kind: 'view', name: 'Weekly retention', body: RETENTION });
    expect((await savedGet(ws, { id: funnel.id })).body).toEqual(FUNNEL);
    expect((await savedGet(ws, { id: retention.id })).body).toEqual(RETENTION);
    const views = await savedList(ws, { kind: 'view' });
    expect(views.map((v) => [v.name, kindOf(v.body as SavedViewBody)])).toEqual([
      ['Checkout funnel', 'funnel'],
      ['p95 latency', 'query'],
      ['Weekly retention', 'retention'],
    ]);
    const dash = await savedPut(ws, { kind: 'dashboard', name: 'Shop', body: { panels: [{ id: 'f', viewId: funnel.id, title: 'Funnel', w: 6, h: 2 }, { id: 'r', viewId: retention.id, title: 'Retention', w: 6, h: 2 }] } });
    expect((dash.body as DashboardBody).panels.map((p) => p.viewId)).toEqual([funnel.id, retention.id]);
    expect((await savedDuplicate(ws, { id: funnel.id })).body).toEqual(FUNNEL);
  });

  it('keeps only the request fields it knows', async () => {
    const body = { analysis: 'retention', request: { ...RETENTION.request, sql: 'DROP TABLE x', periods: 2 }, extra: 1 };
    const saved = await savedPut(ws, { kind: 'view', name: 'r2', body: body as unknown as RetentionViewBody });
    expect(saved.body).toEqual({ analysis: 'retention', request: { ...RETENTION.request, periods: 2 } });
    await savedDelete(ws, { id: saved.id });
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown analysis', { analysis: 'cohorts', request: { dataset: 'shop' } }, /analysis must be one of funnel, retention/],
    ['a funnel without a request', { analysis: 'funnel' }, /needs a request object/],
    ['a funnel without a dataset', { analysis: 'funnel', request: { steps: ['a', 'b'] } }, /needs request.dataset/],
    ['a funnel without steps', { analysis: 'funnel', request: { dataset: 'shop', steps: [] } }, /request.steps must be a list of 1 to 20 steps/],
    ['a step with no event', { analysis: 'funnel', request: { dataset: 'shop', steps: ['view', { event: '' }] } }, /request.steps\[1\] must be an event name/],
    ['step filters that are not filters', { analysis: 'funnel', request: { dataset: 'shop', steps: [{ event: 'view', filters: ['x'] }] } }, /filters must be a list/],
    ['an unknown funnel mode', { analysis: 'funnel', request: { dataset: 'shop', steps: ['a'], mode: 'fast' } }, /request.mode must be one of sequential, strict, any/],
    ['a negative window', { analysis: 'funnel', request: { dataset: 'shop', steps: ['a'], windowSeconds: -1 } }, /windowSeconds/],
    ['0 retention periods', { analysis: 'retention', request: { dataset: 'shop', periods: 0 } }, /request.periods must be a whole number from 1 to 366/],
    ['an unknown interval', { analysis: 'retention', request: { dataset: 'shop', interval: 'year' } }, /request.interval must be one of day, week, month/],
    ['an unknown unit', { analysis: 'retention', request: { dataset: 'shop', by: 'tenant' } }, /request.by must be one of session, user/],
  ])('refuses %s', async (_, body, message) => {
    await expect(savedPut(ws, { kind: 'view', name: 'bad', body: body as ViewBody })).rejects.toThrow(message);
  });

  it('the saved requests run in the engine with hand-worked answers', async () => {
    // s1 web: view cart checkout · s2 web: view cart · s3 ads: view cart checkout · s4 ads: view.
    // Users u1 (s1) and u2 (s2) come back in week 1 (2025-11-10); u3 in week 2 (2025-11-17).
    const rows: [string, string, string][] = [
      ['view', '2025-11-03 10:00', 's1'], ['cart', '2025-11-03 10:05', 's1'], ['checkout', '2025-11-03 10:10', 's1'],
      ['view', '2025-11-03 11:00', 's2'], ['cart', '2025-11-03 11:05', 's2'],
      ['view', '2025-11-03 12:00', 's3'], ['cart', '2025-11-03 12:05', 's3'], ['checkout', '2025-11-03 12:10', 's3'],
      ['view', '2025-11-03 13:00', 's4'],
      ['view', '2025-11-11 09:00', 's1b'], ['view', '2025-11-12 09:00', 's2b'], ['view', '2025-11-18 09:00', 's3b'],
    ];
    const user = (s: string) => `u${s.slice(1, 2)}`;
    const source = (s: string) => (['1', '2'].includes(s.slice(1, 2)) ? 'web' : 'ads');
    const values = rows.map(([ev, at, s], i) => `('e${i}', ${quoteLiteral(ev)}, TIMESTAMPTZ '${at}:00+00', ${quoteLiteral(s)}, ${quoteLiteral(user(s))}, ${quoteLiteral(source(s))})`);
    await makeDataset(ws, 'shop', 'events', `SELECT * FROM (VALUES ${values.join(', ')}) t(event_id, event_name, occurred_at, session_id, user_id, source)`, 'occurred_at');

    const [funnel, retention] = await Promise.all((await savedList(ws, { kind: 'view' })).filter((v) => ['Checkout funnel', 'Weekly retention'].includes(v.name)).map((v) => savedGet(ws, v)));
    const f = funnel!.body as FunnelViewBody;
    // Sessions by source: web s1 s2 s1b s2b, ads s3 s4 s3b. The cart step only counts web carts:
    // web 4 -> 2 -> 1, ads 3 -> 0 -> 0 (s3's cart is an ads cart).
    const result = await runFunnel(ws, f.request);
    expect(result.map((r) => [r.breakdown, r.count])).toEqual([['web', 4], ['web', 2], ['web', 1], ['ads', 3], ['ads', 0], ['ads', 0]]);
    const r = await runRetention(ws, (retention!.body as RetentionViewBody).request);
    expect(r.cohorts.find((c) => c.cohort === '2025-11-03')?.counts.slice(0, 3)).toEqual([4, 2, 1]);
  });
});
