/**
 * Redaction (seed 004 privacy), run in DuckDB: table-driven cases of redactJson (raw JSON text in,
 * the JSON expected out, worked out by hand), a seeded fuzz of hostile strings that must stay
 * valid JSON, redactRawText on rejected lines, and the end-to-end proof that after an import with
 * redaction no secret is left in the bytes of the workspace file (nor beside it) while the
 * numbers the analyses need survive.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src-main/core/db';
import { importFiles } from '../../src-main/core/import/importer';
import { redactJson, redactRawText } from '../../src-main/core/import/redact';
import { Workspace } from '../../src-main/core/workspace';
import { seededRandom } from '../helpers/random';
import { tempDir, type TempDir } from '../helpers/workspace';

let db: Db;
beforeAll(async () => {
  db = await Db.open(':memory:');
});
afterAll(() => db.closeSync());

/** Every input through redactJson in one statement; the outputs as text, in input order. */
async function redactAll(inputs: readonly string[]): Promise<string[]> {
  const rows = await db.rows(
    `SELECT i, (${redactJson('j::JSON')})::VARCHAR AS out
     FROM (SELECT unnest(range(len(l))) AS i, unnest(l) AS j FROM (SELECT from_json(?, '["VARCHAR"]') AS l)) ORDER BY i`,
    [JSON.stringify(inputs)],
  );
  return rows.map((r) => String(r.out));
}

async function redactOne(input: string): Promise<unknown> {
  return JSON.parse((await redactAll([input]))[0]!);
}

/** [what, input JSON text, expected value]. Inputs are raw JSON text so that escapes can be written as files hold them. */
type Case = readonly [string, string, unknown];

const EMAILS: Case[] = [
  ['an address in prose', '{"q":"mail a.b@example.com now"}', { q: 'mail [email] now' }],
  ['unicode, apostrophe and plus tag', `{"q":"jösé.o'neil+tag@exämple.co.uk"}`, { q: '[email]' }],
  ['an address as an object key', '{"bob@example.com":1}', { '[email]': 1 }],
  ['right after an escape (\\n)', String.raw`{"q":"line1\nbob@example.com"}`, { q: 'line1\n[email]' }],
  ['right after a \\u escape', String.raw`{"q":"\u0007bob@example.com"}`, { q: '\u0007[email]' }],
  ['a local part that would be only the escaped letter', String.raw`{"q":"\n@example.com"}`, { q: '\n@example.com' }],
  ['escaped quotes around it, backslashes after', String.raw`{"q":"say \"bob@example.com\" \\ \\\\"}`, { q: 'say "[email]" \\ \\\\' }],
  ['after escaped backslashes (a Windows path)', String.raw`{"q":"C:\\new\\bob@example.com"}`, { q: 'C:\\new\\[email]' }],
  ['@ written as \\u0040', String.raw`{"q":"bob\u0040example.com"}`, { q: '[email]' }],
  ['in a mailto: link', '{"href":"mailto:anna.berg@example.com"}', { href: 'mailto:[email]' }],
];

const PHONES: Case[] = [
  ['Swedish international', '{"q":"call me back on +46 70 123 45 67"}', { q: 'call me back on [phone]' }],
  ['international with (0)', '{"q":"+46 (0)70-123 45 67"}', { q: '[phone]' }],
  ['E.164 without spaces', '{"q":"+4915112345678"}', { q: '[phone]' }],
  ['US international', '{"q":"+1 (555) 123-4567"}', { q: '[phone]' }],
  ['00 prefix', '{"q":"0046 70 123 45 67"}', { q: '[phone]' }],
  ['North American with parentheses', '{"q":"(555) 123-4567"}', { q: '[phone]' }],
  ['North American dashes, dots', '{"a":"555-123-4567","b":"555.123.4567"}', { a: '[phone]', b: '[phone]' }],
  ['toll free with 1-', '{"q":"1-800-555-1234"}', { q: '[phone]' }],
  ['Swedish national', '{"q":"070-123 45 67"}', { q: '[phone]' }],
  ['Stockholm landline', '{"q":"08-123 456 78"}', { q: '[phone]' }],
  ['UK national', '{"q":"020 7946 0958"}', { q: '[phone]' }],
  ['German with slash', '{"q":"030/12345678"}', { q: '[phone]' }],
  ['French spaced and dotted', '{"a":"06 12 34 56 78","b":"06.12.34.56.78"}', { a: '[phone]', b: '[phone]' }],
  ['after an escaped tab', String.raw`{"q":"tel:\t555-123-4567"}`, { q: 'tel:\t[phone]' }],
];

/** Ordinary numbers, times and ids: none of them is a phone number, an IP or an e-mail. */
const UNTOUCHED = {
  latency_ms: 1234567,
  step: 3,
  order_id: 987654321012,
  ratio: 0.000123,
  negative: -5551234567,
  ts: '2025-01-15T08:00:00.123+01:00',
  local: '2025-01-15 10:30:00',
  date_dots: '05.01.2025',
  date_slashes: '05/01/2025 10:30',
  date_dashes: '05-01-2025 10:30',
  epoch_ms: '1736928000000',
  uuid: '550e8400-e29b-41d4-a716-446655440000',
  uuid_digit_groups: '184da807-0014-4323-9327-eddd51086a63',
  order_ref: 'ORD-2025-000123',
  zero_padded: '0012345678',
  national_id_like: '0701234567',
  version: 'v10.0.19045.2965',
  semver: '1.2.3',
  price: '1 299,00 kr',
  durations: '120 340 1200 ms',
  nanp_spaces_are_numbers: '555 123 4567',
  clock: '12:34:56.789',
  mac: '00:1a:2b:3c:4d:5e',
  cpp: 'std::vector<int>',
  ruby: 'Foo::Bad',
  ratio_text: '16:9',
  big_ip_like: '999.1.1.1',
  sql: "'; DROP TABLE events; --",
  path: '/checkout/step-2',
  question: 'what? /x',
  nested: { list: [1, 2.5, '3', null, true], empty: {} },
};

const IPS: Case[] = [
  ['IPv4 and IPv4 with port', '{"ip":"10.1.2.3","peer":"192.168.0.1:8080","max":"255.255.255.255"}', { ip: '[ip]', peer: '[ip]:8080', max: '[ip]' }],
  ['IPv6 compressed and full', '{"a":"2001:db8::8a2e:370:7334","b":"2001:0db8:85a3:0000:0000:8a2e:0370:7334"}', { a: '[ip]', b: '[ip]' }],
  ['IPv6 loopback, trailing ::, zone and brackets', '{"a":"::1","b":"2001:db8::","c":"fe80::1%eth0","d":"[2001:db8::1]:443"}', { a: '[ip]', b: '[ip]', c: '[ip]%eth0', d: '[[ip]]:443' }],
  ['IPv4-mapped IPv6 is one address', '{"a":"::ffff:10.1.2.3"}', { a: '[ip]' }],
  ['in prose, in an array', '{"log":["from 203.0.113.9 via 2001:db8:cafe::17"]}', { log: ['from [ip] via [ip]'] }],
];

const URLS: Case[] = [
  ['query and fragment dropped', '{"url":"https://shop.example.com/cart/checkout?token=abc#frag"}', { url: '/cart/checkout' }],
  ['host with IP, port and userinfo go', '{"a":"http://10.0.0.1:8080/admin?x=1","b":"https://user:pw@example.com/p"}', { a: '/admin', b: '/p' }],
  ['no path is the root', '{"a":"https://example.com","b":"https://example.com?q=1","c":"https://example.com/"}', { a: '/', b: '/', c: '/' }],
  ['scheme in capitals; websockets', '{"a":"HTTPS://EXAMPLE.COM/A?B=C","b":"wss://rt.example.com/socket?auth=SECRET"}', { a: '/A', b: '/socket' }],
  ['in prose', '{"q":"see https://x.example/a?b=1 and call"}', { q: 'see /a and call' }],
  ['escaped slashes (PHP)', String.raw`{"u":"https:\/\/x.example\/a?token=s"}`, { u: '/a' }],
  ['an escaped quote inside the query', String.raw`{"u":"https://x.example/a?q=\"hi\"&t=SECRET"}`, { u: '/a' }],
  ['an escaped newline ends the URL', String.raw`{"u":"https://x.example/a?t=1\nnext line"}`, { u: '/a\nnext line' }],
  ['an e-mail in the path', '{"u":"https://x.example/u/bob@example.com/?t=1"}', { u: '/u/[email]/' }],
  ['a relative path loses its query', '{"path":"/cart?token=abc&email=bob@example.com","b":"/cart#top","c":"/cart"}', { path: '/cart', b: '/cart', c: '/cart' }],
  ['a relative path with spaces in its query', '{"path":"/search?q=anna berg \\"quoted\\""}', { path: '/search' }],
];

const NASTY: Case[] = [
  ['only backslashes', String.raw`{"a":"\\\\","b":"abc\\"}`, { a: '\\\\', b: 'abc\\' }],
  ['control characters and NUL', String.raw`{"a":"\u0000\u0001\u001f bob@example.com"}`, { a: '\u0000\u0001\u001f [email]' }],
  ['emoji, line separator and right-to-left text', '{"a":"😀 bob@example.com \u2028 שלום 10.0.0.1"}', { a: '😀 [email] \u2028 שלום [ip]' }],
  ['quotes everywhere', String.raw`{"\"k\"":"\"\"","q":"\"+46 70 123 45 67\""}`, { '"k"': '""', q: '"[phone]"' }],
  ['a replacement-looking value', '{"a":"[email] [ip] [phone] \\\\1 $1"}', { a: '[email] [ip] [phone] \\1 $1' }],
  ['empty object, array and string', '{"a":{},"b":[],"c":""}', { a: {}, b: [], c: '' }],
  ['a JSON scalar', '"bob@example.com"', '[email]'],
];

describe('redactJson', () => {
  for (const [group, cases] of [['e-mail', EMAILS], ['phone', PHONES], ['IP', IPS], ['URL', URLS], ['nasty value', NASTY]] as const) {
    it.each(cases)(`${group}: %s`, async (_what, input, expected) => {
      expect(await redactOne(input)).toEqual(expected);
    });
  }

  it('leaves ordinary numbers, timestamps, ids and code alone', async () => {
    expect(await redactOne(JSON.stringify(UNTOUCHED))).toEqual(UNTOUCHED);
  });

  it('keeps the digits of integers beyond 2^53 and of exponents', async () => {
    expect(await redactAll(['{"big":12345678901234567890,"e":1e-7,"n":-5551234567}'])).toEqual(['{"big":12345678901234567890,"e":1e-7,"n":-5551234567}']);
  });

  it('keeps NULL as NULL', async () => {
    expect(await db.value(`SELECT (${redactJson('NULL::JSON')}) IS NULL`)).toBe(true);
  });

  it('keeps hostile strings valid JSON (seeded fuzz)', async () => {
    // The same 400 strings on every run.
    const random = seededRandom(20250115);
    const pieces = ['"', '\\', '\\\\', '\n', '\t', '\u0001', '\u0002', '\u0000', '@', '.', ':', '::', '/', '//', '?', '#', '+', '-', '(', ')', ' ', '0', '7', '46', '555', 'a', 'ff', 'é', '😀', 'https://', 'x.example', '10.0.0.1', '\\u0040', '[ip]'];
    const inputs = Array.from({ length: 400 }, () => {
      const s = Array.from({ length: 1 + Math.floor(random() * 24) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      return JSON.stringify({ [s]: s, list: [s, { s }] });
    });
    const outputs = await redactAll(inputs);
    expect(outputs).toHaveLength(inputs.length);
    for (const out of outputs) {
      const v = JSON.parse(out) as { list: [string, { s: string }] };
      expect(typeof v.list[0]).toBe('string');
      expect(v.list[1].s).toBe(v.list[0]);
    }
  });
});

describe('redactRawText', () => {
  const raw = async (text: string) => String(await db.value(`SELECT ${redactRawText('t')} FROM (SELECT ?::VARCHAR AS t)`, [text]));

  it('redacts a malformed line as text', async () => {
    expect(await raw('{"event_id":"x","q":"mail bob@example.com or +46 70 123 45 67 from 10.1.2.3 at https://x.example/a?token=abc')).toBe(
      '{"event_id":"x","q":"mail [email] or [phone] from [ip] at /a',
    );
  });

  it('redacts a valid but rejected row as JSON and keeps it JSON', async () => {
    const out = await raw('{"event_id": "x", "attributes": {"ip": "10.1.2.3", "note": "say \\"hi\\" to bob@example.com"}}');
    expect(JSON.parse(out)).toEqual({ event_id: 'x', attributes: { ip: '[ip]', note: 'say "hi" to [email]' } });
  });

  it('does not let the text\'s own control characters pose as escape marks', async () => {
    expect(await raw('\u0001n\u0002bob@example.com \\')).toBe('\uFFFDn\uFFFD[email] \\');
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the workspace file holds no secret after an import with redaction.

const ROWS = 300;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

interface Generated {
  readonly lines: string[];
  /** Every secret string the file holds, one entry per occurrence kind. */
  readonly secrets: string[];
  /** Substrings every family of secrets shares: none may survive either. */
  readonly probes: string[];
  /** The secrets only the rejected lines hold. */
  readonly rejectedSecrets: string[];
}

/** Seed 004 events whose attributes and context carry e-mails, phones, IPs and URLs with tokens. */
function generate(): Generated {
  const lines: string[] = [];
  const secrets: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const email = `anna.${i}@leak-check.example`;
    const phones = [`+46 70 ${pad(100 + i, 3)} ${pad(i % 100, 2)} 67`, `(555) ${pad(200 + (i % 700), 3)}-${pad(i, 4)}`, `070-${pad(300 + (i % 600), 3)} ${pad(i % 100, 2)} 89`];
    const ipv4 = `203.0.113.${i % 250}`;
    const ipv6 = `2001:db8:cafe::${i.toString(16)}`;
    const url = `https://leak-host.example/checkout/step${i % 5}?token=SECRETTOKEN${i}&email=${encodeURIComponent(email)}#frag${i}`;
    secrets.push(email, ...phones, ipv4, ipv6, `SECRETTOKEN${i}`, `SECRETSESSION${i}`, `SECRETQUERY${i}`, `frag${i}`);
    lines.push(
      JSON.stringify({
        event_id: `e${pad(i, 5)}`,
        event_name: 'voice.turn',
        occurred_at: new Date(Date.UTC(2025, 0, 15, 8, 0, i)).toISOString(),
        tenant_id: 't1',
        session_id: `s${i % 20}`,
        user_id: `u${i % 50}`,
        source: 'web',
        attributes: {
          latency_ms: 100 + i * 7,
          step: i % 5,
          order_id: 900000000 + i,
          order_ref: `ORD-2025-${pad(i, 6)}`,
          query: `please mail ${email} or call ${phones[0]}`,
          contact: { phone: phones[1], backup: `tel:\t${phones[2]}` },
          note: `quote " and backslash \\ then ${ipv6}`,
        },
        context: {
          ip: ipv4,
          consent: { analytics: true },
          page: { url, path: `/checkout?session=SECRETSESSION${i}`, referrer: `https://www.leak-search.example/search?q=SECRETQUERY${i}` },
        },
      }),
    );
  }
  const rejectedSecrets = ['rejected.malformed@leak-check.example', '198.51.100.77', 'SECRETREJECTTOKEN'];
  // A malformed line and a valid line without event_name: both go to tallybook.rejects with their raw text.
  lines.push(`{"event_id":"bad1","attributes":{"q":"write to ${rejectedSecrets[0]}"`);
  lines.push(JSON.stringify({ event_id: 'bad2', occurred_at: '2025-01-15T09:00:00Z', context: { ip: rejectedSecrets[1], page: { url: `https://leak-host.example/x?t=${rejectedSecrets[2]}` } } }));
  const probes = ['leak-check.example', 'leak-host.example', 'leak-search.example', 'SECRETTOKEN', 'SECRETSESSION', 'SECRETQUERY', '203.0.113.', '2001:db8:cafe'];
  return { lines, secrets: [...secrets, ...rejectedSecrets], probes, rejectedSecrets };
}

/** The files a workspace leaves on disk: the file itself, its WAL and anything DuckDB spilled beside it. */
function workspaceBytes(dir: string, wsName: string): Buffer {
  const files: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
    else files.push(p);
  };
  for (const name of readdirSync(dir)) if (name.startsWith(wsName)) walk(join(dir, name));
  expect(files).toContain(join(dir, wsName));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

/** The strings of `wanted` found in `bytes` (read as latin1, which maps every byte to one char). */
function found(bytes: Buffer, wanted: readonly string[]): string[] {
  const text = bytes.toString('latin1');
  return wanted.filter((s) => text.includes(Buffer.from(s, 'utf8').toString('latin1')));
}

/**
 * Imports the generated file into a new workspace and closes it. Strings are stored uncompressed
 * (force_compression) so that a surviving secret would show as plain bytes: DuckDB's default
 * FSST/dictionary compression could hide one and make the scan pass for the wrong reason.
 */
async function importAndClose(t: TempDir, wsName: string, file: string, redact: boolean) {
  const ws = await Workspace.open(t.path(wsName), { create: true, settings: { force_compression: 'uncompressed' } });
  try {
    const summary = await importFiles(ws, { dataset: 'voice', paths: [file], redact });
    await ws.db.run('CHECKPOINT');
    return summary;
  } finally {
    ws.closeSync();
  }
}

describe('an import with redaction, proved on the workspace file', () => {
  let t: TempDir;
  let gen: Generated;
  let file: string;
  beforeAll(() => {
    t = tempDir('tallybook-redact-');
    gen = generate();
    file = t.path('secrets.ndjson');
    writeFileSync(file, gen.lines.join('\n') + '\n');
  });
  afterAll(() => t.cleanup());

  it('the scan finds every secret in a workspace imported without redaction (the control)', async () => {
    const summary = await importAndClose(t, 'plain.tallybook', file, false);
    expect(summary).toMatchObject({ rows_read: ROWS + 2, rows_imported: ROWS, rejected: 2 });
    const bytes = workspaceBytes(t.dir, 'plain.tallybook');
    expect(found(bytes, gen.probes)).toEqual(gen.probes);
    expect(found(bytes, gen.secrets)).toEqual(gen.secrets);
  });

  it('leaves no secret of the imported rows in the file, its WAL or beside it, and keeps the numbers', async () => {
    const summary = await importAndClose(t, 'redacted.tallybook', file, true);
    expect(summary).toMatchObject({ rows_read: ROWS + 2, rows_imported: ROWS, rejected: 2, rejected_by_reason: { malformed_row: 1, missing_event_name: 1 } });
    expect(existsSync(t.path('redacted.tallybook.wal'))).toBe(false);
    const bytes = workspaceBytes(t.dir, 'redacted.tallybook');

    // Neither the imported rows' secrets nor those of the rejected lines (kept in
    // tallybook.rejects.raw, redacted as text) are anywhere in the file.
    expect(found(bytes, gen.secrets)).toEqual([]);
    expect(found(bytes, gen.rejectedSecrets)).toEqual([]);
    expect(found(bytes, gen.probes)).toEqual([]);

    const ws = await Workspace.open(t.path('redacted.tallybook'));
    try {
      const rows = await ws.db.rows(
        `SELECT count(*) AS n, sum(a.latency_ms)::BIGINT AS latency, sum(a.step)::BIGINT AS steps, sum(a.order_id)::BIGINT AS orders,
                count(DISTINCT a.order_ref) AS refs,
                count(*) FILTER (WHERE a.query = 'please mail [email] or call [phone]') AS queries,
                count(*) FILTER (WHERE c.ip = '[ip]' AND c.page.url LIKE '/checkout/step_' AND c.page.path = '/checkout' AND c.page.referrer = '/search') AS contexts,
                count(*) FILTER (WHERE a.contact.phone = '[phone]' AND a.contact.backup = 'tel:' || chr(9) || '[phone]'
                                 AND a.note = 'quote " and backslash \\ then [ip]') AS contacts
         FROM (SELECT json_transform(attributes, '{"latency_ms":"BIGINT","step":"BIGINT","order_id":"BIGINT","order_ref":"VARCHAR","query":"VARCHAR","note":"VARCHAR","contact":{"phone":"VARCHAR","backup":"VARCHAR"}}') AS a,
                      json_transform(context, '{"ip":"VARCHAR","page":{"url":"VARCHAR","path":"VARCHAR","referrer":"VARCHAR"}}') AS c
               FROM voice)`,
      );
      // Sums worked out from the generator: latency 100 + 7i, step i mod 5, order 900000000 + i over i < 300.
      const sumI = (ROWS * (ROWS - 1)) / 2;
      expect(rows[0]).toEqual({ n: ROWS, latency: 100 * ROWS + 7 * sumI, steps: 60 * (0 + 1 + 2 + 3 + 4), orders: 900000000 * ROWS + sumI, refs: ROWS, queries: ROWS, contexts: ROWS, contacts: ROWS });

      // What the proposed fix would store for the two rejected lines.
      const fixed = await ws.db.rows(`SELECT line, ${redactRawText('raw')} AS raw FROM tallybook.rejects ORDER BY line`);
      const text = fixed.map((r) => String(r.raw)).join('\n');
      expect(gen.rejectedSecrets.filter((s) => text.includes(s))).toEqual([]);
      expect(fixed.map((r) => Number(r.line))).toEqual([ROWS + 1, ROWS + 2]);
      expect(JSON.parse(String(fixed[1]!.raw))).toEqual({ event_id: 'bad2', occurred_at: '2025-01-15T09:00:00Z', context: { ip: '[ip]', page: { url: '/x' } } });
    } finally {
      ws.closeSync();
    }
  });
});
