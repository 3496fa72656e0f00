/**
 * Schema-first validation (seed 004): attributes checked against JSON Schemas per event name, in
 * SQL, failing rows rejected with the schema path in the reason. Expected outcomes worked out by
 * reading each line against its schema by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src-main/core/import/importer';
import { readSchemas, schemaReasonSql } from '../../src-main/core/import/event-schemas';
import type { Workspace } from '../../src-main/core/workspace';
import { tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

beforeEach(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
});
afterEach(() => {
  ws.closeSync();
  t.cleanup();
});

const CHECKOUT = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'commerce.checkout',
  type: 'object',
  required: ['order_id', 'amount'],
  properties: {
    order_id: { type: 'string', pattern: '^ord-[0-9]+$' },
    amount: { type: 'number', minimum: 0, exclusiveMaximum: 10000 },
    currency: { enum: ['EUR', 'USD'] },
    items: { type: 'integer', minimum: 1 },
    coupon: { type: ['string', 'null'], maxLength: 8 },
  },
};
const SEARCH = { type: 'object', required: ['query'], additionalProperties: false, properties: { query: { type: 'string', minLength: 1 }, results: { type: 'integer' } } };

const line = (id: string, name: string, attributes: unknown) => JSON.stringify({ event_id: id, event_name: name, occurred_at: '2026-01-01T00:00:00Z', attributes });

/** Each line, with the reason a hand check gives (null: passes). */
const CASES: [string, string, unknown, string | null][] = [
  ['ok1', 'commerce.checkout', { order_id: 'ord-1', amount: 12.5, currency: 'EUR', items: 2 }, null],
  ['ok2', 'commerce.checkout', { order_id: 'ord-22', amount: 0, coupon: null }, null],
  ['no-amount', 'commerce.checkout', { order_id: 'ord-3' }, 'schema commerce.checkout: /attributes/amount is required'],
  ['bad-id', 'commerce.checkout', { order_id: 'ORD-4', amount: 1 }, 'schema commerce.checkout: /attributes/order_id pattern ^ord-[0-9]+$'],
  ['negative', 'commerce.checkout', { order_id: 'ord-5', amount: -1 }, 'schema commerce.checkout: /attributes/amount minimum 0'],
  ['too-big', 'commerce.checkout', { order_id: 'ord-6', amount: 10000 }, 'schema commerce.checkout: /attributes/amount exclusiveMaximum 10000'],
  ['amount-text', 'commerce.checkout', { order_id: 'ord-7', amount: '12' }, 'schema commerce.checkout: /attributes/amount must be number'],
  ['currency', 'commerce.checkout', { order_id: 'ord-8', amount: 1, currency: 'GBP' }, 'schema commerce.checkout: /attributes/currency is not one of the allowed values'],
  ['items-float', 'commerce.checkout', { order_id: 'ord-9', amount: 1, items: 1.5 }, 'schema commerce.checkout: /attributes/items must be integer'],
  ['coupon-long', 'commerce.checkout', { order_id: 'ord-10', amount: 1, coupon: 'ABCDEFGHIJ' }, 'schema commerce.checkout: /attributes/coupon maxLength 8'],
  ['search-ok', 'kb.search', { query: 'refund', results: 3 }, null],
  ['search-empty', 'kb.search', { query: '' }, 'schema kb.search: /attributes/query minLength 1'],
  ['search-extra', 'kb.search', { query: 'x', page: 2 }, 'schema kb.search: /attributes has properties the schema does not allow'],
  ['no-schema', 'kb.hit', { anything: true }, null],
];

function writeCase(folder: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/commerce.checkout.json`, JSON.stringify(CHECKOUT));
  writeFileSync(`${folder}/kb.search.schema.json`, JSON.stringify(SEARCH));
  const file = t.path('events.ndjson');
  writeFileSync(file, CASES.map(([id, name, attrs]) => line(id, name, attrs)).join('\n'));
  return file;
}

describe('event schemas', () => {
  it('rejects exactly the rows that break their schema, each with the schema path in its reason', async () => {
    const file = writeCase(t.path('schemas'));
    const s = await importFiles(ws, { dataset: 'ev', paths: [file], schemas: t.path('schemas') });
    const failing = CASES.filter((c) => c[3] !== null);
    expect([s.rows_imported, s.rejected]).toEqual([CASES.length - failing.length, failing.length]);
    const rejects = await ws.db.rows(`SELECT line, reason FROM tallybook.rejects WHERE dataset = 'ev' ORDER BY line`);
    expect(rejects).toEqual(CASES.flatMap(([, , , reason], i) => (reason ? [{ line: i + 1, reason }] : [])));
    expect((await ws.db.rows(`SELECT event_id FROM ev ORDER BY event_id`)).map((r) => r.event_id)).toEqual(['no-schema', 'ok1', 'ok2', 'search-ok']);
  });

  it('uses the schemas folder beside the workspace by default', async () => {
    const file = writeCase(`${ws.path}.schemas`);
    const s = await importFiles(ws, { dataset: 'ev', paths: [file] });
    expect(s.rejected).toBe(CASES.filter((c) => c[3] !== null).length);
  });

  it('refuses a schema using a keyword it cannot check, naming it, and imports nothing', async () => {
    const folder = t.path('odd');
    mkdirSync(folder);
    writeFileSync(`${folder}/kb.search.json`, JSON.stringify({ type: 'object', properties: { query: { oneOf: [{ type: 'string' }] } } }));
    writeFileSync(t.path('one.ndjson'), line('a', 'kb.search', { query: 'x' }));
    await expect(importFiles(ws, { dataset: 'ev', paths: [t.path('one.ndjson')], schemas: folder })).rejects.toMatchObject({
      code: 'bad_format',
      message: 'schema kb.search.json uses "oneOf" at /query, which Tallybook does not check',
    });
    expect(await ws.datasetNames()).toEqual([]);
  });

  it('keeps schema text out of SQL except as quoted literals', () => {
    const folder = t.path('evil');
    mkdirSync(folder);
    writeFileSync(`${folder}/x.json`, JSON.stringify({ properties: { "a'); DROP TABLE ev; --": { pattern: "'; DROP TABLE ev; --" } } }));
    const sql = schemaReasonSql(readSchemas(folder), 'c1', 'c9')!;
    expect(sql).toContain(`'''; DROP TABLE ev; --'`);
    expect(sql.split("'").length % 2).toBe(1);
  });
});
