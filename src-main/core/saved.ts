/**
 * Saved views, dashboards and reports, kept in the workspace's tallybook.saved table so they
 * travel with the file. Every write validates its input: the kind, the name (1–200 chars), the
 * body's size (≤ 1 MB of JSON) and shape (a view's spec passes validateSpec, a dashboard's
 * panels have ids, titles and sizes; a funnel or retention view's request has the right shape —
 * the engine re-validates it when it runs); read-only workspaces refuse writes.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../../src-shared/errors';
import {
  CHART_TYPES, MAX_PANEL_HEIGHT, MAX_SAVED_BODY, MAX_SAVED_NAME, SAVED_KINDS, VIEW_ANALYSES,
  type AnalysisViewBody, type ChartType, type DashboardBody, type DashboardPanel, type SavedDuplicateRequest, type SavedItem, type SavedKind,
  type SavedListRequest, type SavedPutRequest, type SavedViewBody, type ViewBody,
} from '../../src-shared/saved';
import { FUNNEL_MODES, type FunnelRequest, type FunnelStep, type RetentionRequest } from '../../src-shared/analyses';
import type { CellValue } from '../../src-shared/columnar';
import { validateSpec } from './query/validate-spec';
import type { Workspace } from './workspace';

const MAX_ID = 100;

function bad(message: string, hint?: string): UserError {
  return new UserError('bad_request', message, hint);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKind(v: unknown): SavedKind {
  if (typeof v !== 'string' || !(SAVED_KINDS as readonly string[]).includes(v)) {
    throw bad(`unknown saved kind ${JSON.stringify(v)}`, `kinds: ${SAVED_KINDS.join(', ')}`);
  }
  return v as SavedKind;
}

function checkName(v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '') throw new UserError('bad_name', 'a saved item needs a name', 'type a short name, e.g. "p95 latency by provider"');
  const name = v.trim();
  if (name.length > MAX_SAVED_NAME) throw new UserError('bad_name', `the name is ${name.length} characters long`, `keep it to ${MAX_SAVED_NAME}`);
  return name;
}

function checkId(v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > MAX_ID) throw bad(`a saved item's id must be a non-empty string of at most ${MAX_ID} characters`);
  return v;
}

function intIn(v: unknown, lo: number, hi: number, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw bad(`${where} must be a whole number from ${lo} to ${hi}, not ${JSON.stringify(v)}`);
  return v;
}

function optionalString(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v === '') throw bad(`${where} must be a non-empty string`);
  return v;
}

function oneOf<T extends string>(v: unknown, options: readonly T[], where: string): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) throw bad(`${where} must be one of ${options.join(', ')}, not ${JSON.stringify(v)}`);
  return v as T;
}

/** The named optional fields of `v` that are set, checked by `check`, as an object to spread. */
function pick<T>(v: Record<string, unknown>, keys: readonly string[], check: (x: unknown, where: string) => T | undefined, where: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of keys) {
    const x = check(v[k], `${where}.${k}`);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

const UNITS = ['session', 'user'] as const;
const MAX_STEPS = 20;

function checkStep(v: unknown, where: string): FunnelStep {
  if (typeof v === 'string' && v !== '') return v;
  if (!isObject(v) || typeof v.event !== 'string' || v.event === '') throw bad(`${where} must be an event name or {event, filters}`);
  if (v.filters === undefined || v.filters === null) return { event: v.event };
  if (!Array.isArray(v.filters) || !v.filters.every((f) => isObject(f) && typeof f.field === 'string' && typeof f.op === 'string')) {
    throw bad(`${where}.filters must be a list of {field, op, value}`);
  }
  return { event: v.event, filters: v.filters as Extract<FunnelStep, { event: string }>['filters'] };
}

function checkSteps(v: unknown, where: string, min: number): FunnelStep[] {
  if (!Array.isArray(v) || v.length < min || v.length > MAX_STEPS) throw bad(`${where} must be a list of ${min} to ${MAX_STEPS} steps`);
  return v.map((x, i) => checkStep(x, `${where}[${i}]`));
}

function checkFunnelRequest(r: Record<string, unknown>): FunnelRequest {
  const dataset = optionalString(r.dataset, 'request.dataset');
  if (dataset === undefined) throw bad('a saved funnel needs request.dataset');
  if (r.windowSeconds !== undefined && (typeof r.windowSeconds !== 'number' || !Number.isFinite(r.windowSeconds) || r.windowSeconds < 0)) throw bad('request.windowSeconds must be a number of seconds');
  return {
    dataset,
    steps: checkSteps(r.steps, 'request.steps', 1),
    ...(r.exclusions === undefined || r.exclusions === null ? {} : { exclusions: checkSteps(r.exclusions, 'request.exclusions', 0) }),
    ...(typeof r.windowSeconds === 'number' ? { windowSeconds: r.windowSeconds } : {}),
    ...pick(r, ['by'], (x, w) => oneOf(x, UNITS, w), 'request'),
    ...pick(r, ['mode'], (x, w) => oneOf(x, FUNNEL_MODES, w), 'request'),
    ...pick(r, ['from', 'to', 'breakdown'], optionalString, 'request'),
  };
}

function checkRetentionRequest(r: Record<string, unknown>): RetentionRequest {
  const dataset = optionalString(r.dataset, 'request.dataset');
  if (dataset === undefined) throw bad('a saved retention table needs request.dataset');
  return {
    dataset,
    ...pick(r, ['startEvent', 'returnEvent', 'from', 'to'], optionalString, 'request'),
    ...pick(r, ['interval'], (x, w) => oneOf(x, ['day', 'week', 'month'] as const, w), 'request'),
    ...pick(r, ['cohort'], (x, w) => oneOf(x, ['first_time', 'recurring'] as const, w), 'request'),
    ...pick(r, ['periods'], (x, w) => (x === undefined || x === null ? undefined : intIn(x, 1, 366, w)), 'request'),
    ...pick(r, ['by'], (x, w) => oneOf(x, UNITS, w), 'request'),
  };
}

function checkAnalysisView(body: Record<string, unknown>): AnalysisViewBody {
  const analysis = oneOf(body.analysis, VIEW_ANALYSES, 'analysis');
  if (!isObject(body.request)) throw bad(`a saved ${String(analysis)} view needs a request object`);
  return analysis === 'funnel'
    ? { analysis, request: checkFunnelRequest(body.request) }
    : { analysis: 'retention', request: checkRetentionRequest(body.request) };
}

function checkView(body: unknown): SavedViewBody {
  if (!isObject(body)) throw bad('a view\'s body must be an object {spec, chart} or {analysis, request}');
  if (body.analysis !== undefined && body.analysis !== null) return checkAnalysisView(body);
  return checkSpecView(body);
}

function checkSpecView(body: Record<string, unknown>): ViewBody {
  const spec = validateSpec(body.spec);
  if (typeof body.chart !== 'string' || !(CHART_TYPES as readonly string[]).includes(body.chart)) {
    throw bad(`unknown chart type ${JSON.stringify(body.chart)}`, `charts: ${CHART_TYPES.join(', ')}`);
  }
  const topN = body.topN === undefined || body.topN === null ? undefined : intIn(body.topN, 1, 1000, 'topN');
  return { spec, chart: body.chart as ChartType, ...(topN !== undefined ? { topN } : {}) };
}

function checkPanel(v: unknown, i: number): DashboardPanel {
  const where = `panels[${i}]`;
  if (!isObject(v)) throw bad(`${where} must be an object {id, viewId, title, w, h}`);
  const id = optionalString(v.id, `${where}.id`);
  if (id === undefined) throw bad(`${where}.id is missing`);
  const viewId = optionalString(v.viewId, `${where}.viewId`);
  const builtin = optionalString(v.builtin, `${where}.builtin`);
  if (viewId === undefined && builtin === undefined) throw bad(`${where} needs a viewId or a builtin`);
  if (typeof v.title !== 'string' || v.title.length > MAX_SAVED_NAME) throw bad(`${where}.title must be a string of at most ${MAX_SAVED_NAME} characters`);
  return {
    id,
    ...(viewId !== undefined ? { viewId } : {}),
    ...(builtin !== undefined ? { builtin } : {}),
    title: v.title,
    w: intIn(v.w, 1, 12, `${where}.w`),
    h: intIn(v.h, 1, MAX_PANEL_HEIGHT, `${where}.h`),
  };
}

function checkDashboard(body: unknown): DashboardBody {
  if (!isObject(body) || !Array.isArray(body.panels)) throw bad('a dashboard\'s body must be an object {panels: [...]}');
  const panels = body.panels.map(checkPanel);
  const ids = new Set(panels.map((p) => p.id));
  if (ids.size !== panels.length) throw bad('two panels of the dashboard have the same id');
  return { panels };
}

/** The body as stored: checked and normalised for views and dashboards, any JSON for reports. */
function checkBody(kind: SavedKind, body: unknown): unknown {
  if (body === undefined) throw bad('a saved item needs a body');
  const size = Buffer.byteLength(JSON.stringify(body), 'utf8');
  if (size > MAX_SAVED_BODY) throw bad(`the body is ${size.toLocaleString('en-US')} bytes of JSON`, `keep it under ${MAX_SAVED_BODY.toLocaleString('en-US')}`);
  if (kind === 'view') return checkView(body);
  if (kind === 'dashboard') return checkDashboard(body);
  return body;
}

function writable(ws: Workspace): void {
  if (ws.db.readOnly) throw new UserError('read_only', `workspace ${ws.path} is open read-only`, 'open it without --read-only to save');
}

const SELECT = `SELECT id, kind, name, body::VARCHAR AS body, strftime(timezone('UTC', updated_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at FROM tallybook.saved`;

function toItem(r: Record<string, CellValue>): SavedItem {
  return {
    id: String(r.id),
    kind: String(r.kind) as SavedKind,
    name: String(r.name),
    body: JSON.parse(String(r.body)) as SavedItem['body'],
    updatedAt: String(r.updated_at),
  };
}

export async function savedList(ws: Workspace, req: SavedListRequest = {}): Promise<SavedItem[]> {
  const kind = req.kind === undefined || req.kind === null ? null : checkKind(req.kind);
  const rows = kind === null
    ? await ws.db.rows(`${SELECT} ORDER BY lower(name), id`)
    : await ws.db.rows(`${SELECT} WHERE kind = ? ORDER BY lower(name), id`, [kind]);
  return rows.map(toItem);
}

export async function savedGet(ws: Workspace, req: { readonly id: string }): Promise<SavedItem> {
  const id = checkId(req.id);
  const [row] = await ws.db.rows(`${SELECT} WHERE id = ?`, [id]);
  if (!row) throw new UserError('not_found', `no saved item with id "${id}"`, 'it may have been deleted');
  return toItem(row);
}

export async function savedPut(ws: Workspace, req: SavedPutRequest): Promise<SavedItem> {
  writable(ws);
  if (!isObject(req)) throw bad('savedPut needs {kind, name, body}');
  const kind = checkKind(req.kind);
  const name = checkName(req.name);
  const body = checkBody(kind, req.body);
  const id = req.id === undefined || req.id === null ? randomUUID() : checkId(req.id);
  const existing = await ws.db.value(`SELECT kind FROM tallybook.saved WHERE id = ?`, [id]);
  if (existing !== null && existing !== kind) throw new UserError('conflict', `saved item "${id}" is a ${String(existing)}, not a ${kind}`);
  await ws.db.run(`INSERT OR REPLACE INTO tallybook.saved VALUES (?, ?, ?, ?, now())`, [id, kind, name, JSON.stringify(body)]);
  return savedGet(ws, { id });
}

export async function savedDelete(ws: Workspace, req: { readonly id: string }): Promise<void> {
  writable(ws);
  const item = await savedGet(ws, req);
  await ws.db.run(`DELETE FROM tallybook.saved WHERE id = ?`, [item.id]);
}

export async function savedDuplicate(ws: Workspace, req: SavedDuplicateRequest): Promise<SavedItem> {
  writable(ws);
  const item = await savedGet(ws, req);
  const name = req.name === undefined || req.name === null ? `${item.name} (copy)`.slice(0, MAX_SAVED_NAME) : req.name;
  return savedPut(ws, { kind: item.kind, name, body: item.body });
}
