/**
 * Seeded hostile values for the fuzz tests: SQL and path injections, quotes, backslashes, NUL,
 * unicode, 10,000-character strings, JSON pointers, numbers as strings, huge and non-finite
 * numbers, and arrays or objects where strings are expected. Every path in them aims at
 * /tmp/tallybook-fuzz-<seed>-…, so a file that appears where it must not can be found by name.
 * The same seed gives the same values in the same order.
 */
import { tmpdir } from 'node:os';
import { seededRandom } from '../helpers/random';

export type Rng = () => number;

/** The seeded generator that picks cases (mulberry32). */
export const seededRng = (seed: number): Rng => seededRandom(seed);

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** The start of every file name a hostile value points at. */
export const markerName = (seed: number): string => `tallybook-fuzz-${seed}-`;

/** Folders whose entries are searched for the marker after a run. */
export const markerFolders = (): string[] => [...new Set(['/tmp', tmpdir(), process.cwd()])];

function hostileStrings(seed: number): string[] {
  const at = (name: string) => `/tmp/${markerName(seed)}${name}`;
  return [
    "'", '"', '\\', "\\'", "''", '""', '`', ';', '--', '/*', '*/', '%s%n', '${x}', '?', '$1',
    `"; DROP TABLE events; --`,
    `'; DROP TABLE events; --`,
    `events"; DROP TABLE jobs; --`,
    `x') OR 1=1 --`,
    `') UNION SELECT * FROM tallybook.datasets --`,
    `'); COPY (SELECT * FROM events) TO '${at('copy.csv')}'; --`,
    `"); COPY events TO '${at('copy.parquet')}' (FORMAT parquet); --`,
    `COPY events TO '${at('copy-plain.csv')}'`,
    `ATTACH '${at('attach.db')}' AS pwn`,
    `'; ATTACH '${at('attach2.db')}' AS pwn; --`,
    `'; INSTALL httpfs; LOAD httpfs; --`,
    `'; SET memory_limit = '1MB'; --`,
    `EXPORT DATABASE '${at('export')}'`,
    `EXPLAIN ANALYZE COPY (SELECT 1) TO '${at('explain.csv')}'`,
    `EXPLAIN ANALYZE DELETE FROM events`,
    `SELECT * FROM enable_logging(storage = 'file', storage_path = '${at('logs')}')`,
    `SELECT * FROM query('SELECT next' || 'val(''tallybook.import_ids'')')`,
    `SELECT * FROM read_text('${at('missing.txt')}')`,
    at('plain'),
    `${at('dir')}/../${markerName(seed)}up`,
    `../../../../../../tmp/${markerName(seed)}rel`,
    `file://${at('url')}`,
    'http://127.0.0.1:9/x.csv',
    '../', '../../../../etc/passwd', '/etc/passwd', '~', '~/.bashrc', 'C:\\Windows\\win.ini', '\\\\server\\share',
    '/a/b', '~0~1', '/', '#', '', ' ', '\t\r\n', '\n    at fake (stack.js:1:1)',
    '\u0000', 'a\u0000b', 'events\u0000', 'status\u0000"; DROP TABLE events; --',
    '😀', 'é', 'e\u0301', '\u202eevents', '\ud800', 'Ω≈ç√', 'ｅｖｅｎｔｓ', '\u00a0', '\ufeffevents',
    'x'.repeat(10_000), "'".repeat(10_000), '"'.repeat(10_000), '('.repeat(10_000),
    '0', '-1', '1e309', '-1e309', 'NaN', 'Infinity', '-0', '0x1F', '9'.repeat(400), '1.5', ' 42 ',
    'true', 'null', 'undefined', '[]', '{}', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
    'count', 'count(', 'count()', 'sum(', 'p95(latency_ms', 'p95(latency_ms)', 'rate(status = ok', 'rate(', 'rate()', ')', 'count_distinct(count_distinct(x))',
    'sum(latency_ms); DROP TABLE events', 'max(attributes)', 'avg(a.b)', 'count_distinct(q"uote)',
    '2025-13-45T99:99:99Z', '2025-11-01T00:00:00Z', '2025-11-01', '0000-01-01', '9999-12-31T23:59:59Z', '-271821-04-20T00:00:00Z',
    '30d', '0m', '99999999999y', '1mo', '-5d', '5 d',
    'events', 'jobs', 'tallybook', 'tallybook.datasets', 'tallybook.rejects', 'main.events', '"events"', 'EVENTS', 'rowid',
    'event_name', 'latency_ms', 'a.b', 'q"uote', 'sl/ash', 'user_id', 'session_id', 'occurred_at', 'attributes', 'created_at', 'cost', 'status',
    'commerce.view', 'commerce.checkout', 'delivered', 'day', 'week', 'month', 'asc', 'desc', 'in', 'between', 'contains', 'is null',
  ];
}

function deepArray(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function hostileOthers(): unknown[] {
  return [
    0, -1, 1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity,
    true, false, null, undefined,
    [], [''], ['x', 1, null], [[['events']]], [{ field: 'status' }], deepArray(2000),
    {}, { a: { b: { c: {} } } }, { toString: 'x' }, { length: 3 }, { $ref: '#/' }, JSON.parse('{"__proto__": {"polluted": true}}'),
    { field: 'status', op: '=', value: 'delivered' }, { event: 'commerce.view', filters: 'x' },
  ];
}

/** A source of hostile values for one seed; each call gives a fresh copy, so requests never share one. */
export function hostileValues(seed: number, rng: Rng): () => unknown {
  const strings = hostileStrings(seed);
  const others = hostileOthers();
  return () => (rng() < 0.7 ? pick(rng, strings) : structuredClone(pick(rng, others)));
}

/**
 * Export destinations outside the workspace that no export may create: folders that do not
 * exist, names without a format, NUL, and values that are not paths at all.
 */
export function hostileExportPaths(seed: number): unknown[] {
  const at = (name: string) => `/tmp/${markerName(seed)}${name}`;
  return [
    at('nodir/out.csv'),
    at('nodir/../nodir2/out.parquet'),
    `${at('nodir')}/'); COPY events TO '${at('copy.csv')}'; --.csv`,
    `../../../../../../tmp/${markerName(seed)}nodir/out.json`,
    `${markerName(seed)}nodir/relative.csv`,
    at('nodir/no-format'),
    at('nul\u0000.csv'),
    `${at('nodir')}/${'x'.repeat(10_000)}.csv`,
    '', 12, null, ['a.csv'], { path: 'a.csv' }, NaN,
  ];
}
