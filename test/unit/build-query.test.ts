import { describe, expect, it } from 'vitest';
import type { QuerySpec } from '../../src-shared/query-spec';
import { buildQuery, watermarkQuery, type BuildContext } from '../../src-main/core/query/build-query';
import { formatInstant, minusDuration, parseDuration, parseInstant } from '../../src-main/core/query/instant';
import { parseMeasure } from '../../src-main/core/query/measures';
import { parseRateFilter } from '../../src-main/core/query/rate-filter';
import { validateSpec } from '../../src-main/core/query/validate-spec';

const EVENTS: BuildContext = {
  columns: [
    { name: 'event_id', type: 'VARCHAR' },
    { name: 'event_name', type: 'VARCHAR' },
    { name: 'occurred_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'user_id', type: 'VARCHAR' },
    { name: 'attributes', type: 'JSON' },
  ],
  timeColumn: 'occurred_at',
  watermark: '2025-11-10 07:00:00.123456+00',
  timeZone: 'UTC',
};

const JOBS: BuildContext = {
  columns: [
    { name: 'job_id', type: 'VARCHAR' },
    { name: 'created_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'cost', type: 'DOUBLE' },
    { name: 'issue_count', type: 'BIGINT' },
    { name: 'Cost Total $', type: 'DOUBLE' },
    { name: 'we"ird', type: 'VARCHAR' },
    { name: 'paid', type: 'BOOLEAN' },
  ],
  timeColumn: 'created_at',
  watermark: null,
  timeZone: 'UTC',
};

const events = (extra: Partial<QuerySpec> = {}): QuerySpec => ({ dataset: 'events', measures: ['count'], ...extra });
const jobs = (extra: Partial<QuerySpec> = {}): QuerySpec => ({ dataset: 'jobs', measures: ['count'], ...extra });

describe('buildQuery: the whole statement', () => {
  it('counts all rows of a dataset with nothing else asked', () => {
    const q = buildQuery(events(), EVENTS);
    expect(q.sql).toBe('SELECT * FROM (\nSELECT count(*) AS "count"\nFROM "events"\n) AS q\nORDER BY "count" DESC NULLS LAST');
    expect(q.params).toEqual([]);
  });

  it('groups by day with a dimension and binds the time zone and range', () => {
    const q = buildQuery(
      events({ dimensions: ['event_name'], time: { grain: 'day', from: '2025-11-01T00:00:00Z', to: '2025-11-08T00:00:00Z' }, limit: 10 }),
      { ...EVENTS, timeZone: 'Europe/Berlin' },
    );
    expect(q.sql).toBe(
      'SELECT * FROM (\n' +
        'SELECT timezone(?, date_trunc(\'day\', timezone(?, "occurred_at"))) AS "time", "event_name" AS "event_name", count(*) AS "count"\n' +
        'FROM "events"\n' +
        'WHERE "occurred_at" >= CAST(? AS TIMESTAMPTZ) AND "occurred_at" < CAST(? AS TIMESTAMPTZ)\n' +
        'GROUP BY 1, 2\n' +
        ') AS q\n' +
        'ORDER BY "time" ASC NULLS LAST, "count" DESC NULLS LAST, "event_name" ASC NULLS LAST\n' +
        'LIMIT ?',
    );
    expect(q.params).toEqual(['Europe/Berlin', 'Europe/Berlin', '2025-11-01T00:00:00Z', '2025-11-08T00:00:00Z', 10]);
  });

  it('buckets in UTC by arithmetic on the microseconds, without a time zone conversion', () => {
    const q = buildQuery(events({ time: { grain: 'day' } }), EVENTS);
    expect(q.sql).toContain(`to_timestamp(epoch_us(date_trunc('day', make_timestamp(epoch_us("occurred_at")))) / 1000000) AS "time"`);
    expect(q.params).toEqual([]);
  });
});

describe('buildQuery: odd names and injection attempts', () => {
  it.each([
    ['sums a column whose name has spaces and a dollar sign', jobs({ measures: ['sum(Cost Total $)'] }), 'sum("Cost Total $") AS "sum(Cost Total $)"'],
    ['doubles a quote inside a column name', jobs({ dimensions: ['we"ird'] }), '"we""ird" AS "we""ird"'],
    ['quotes a measure name holding a quote', jobs({ measures: ['max(we"ird)'] }), 'max("we""ird") AS "max(we""ird)"'],
    ['matches a column case-insensitively and keeps the name as written', jobs({ dimensions: ['STATUS'] }), '"status" AS "STATUS"'],
    ['trims spaces around a field inside a measure', jobs({ measures: ['avg(  cost )'] }), 'avg("cost") AS "avg(  cost )"'],
  ])('%s', (_, spec, fragment) => {
    expect(buildQuery(spec, JOBS).sql).toContain(fragment);
  });

  it('extracts an attribute key with dots through a bound JSON pointer and casts it for numeric measures', () => {
    const q = buildQuery(events({ measures: ['p95(voice.first_response_ms)'] }), EVENTS);
    expect(q.sql).toContain('quantile_cont(TRY_CAST(json_extract_string("attributes", ?) AS DOUBLE), 0.95)');
    expect(q.params).toEqual(['/voice.first_response_ms']);
  });

  it('escapes "/" and "~" of an attribute key as RFC 6901 says', () => {
    // "a/b~c" -> "/" + "a~1b~0c"
    expect(buildQuery(events({ dimensions: ['a/b~c'] }), EVENTS).params).toEqual(['/a~1b~0c']);
  });

  it('binds a value that tries to break out of its string', () => {
    const evil = "x' OR 1=1 --";
    const q = buildQuery(jobs({ filters: [{ field: 'status', op: '=', value: evil }] }), JOBS);
    expect(q.sql).toContain('("status" = ?)');
    expect(q.sql).not.toContain('OR 1=1');
    expect(q.params).toEqual([evil]);
  });

  it('rejects a field that is not a column of a dataset without attributes', () => {
    expect(() => buildQuery(jobs({ dimensions: ['status; DROP TABLE jobs'] }), JOBS)).toThrow(
      expect.objectContaining({ code: 'unknown_field', message: 'unknown field "status; DROP TABLE jobs" in dataset "jobs"' }),
    );
  });

  it('treats an unknown field of an events dataset as a bound attribute key, and quotes it as the output name', () => {
    const q = buildQuery(events({ dimensions: ['x"); DROP TABLE events; --'] }), EVENTS);
    // the only place the text appears is inside a quoted identifier, its quote doubled
    expect(q.sql.split('DROP').length - 1).toBe(2);
    expect(q.sql).toContain('ORDER BY "count" DESC NULLS LAST, "x""); DROP TABLE events; --" ASC NULLS LAST');
    expect(q.sql).toContain('json_extract_string("attributes", ?) AS "x""); DROP TABLE events; --"');
    expect(q.params).toEqual(['/x"); DROP TABLE events; --']);
  });

  it('rejects a dataset name that is not a plain identifier', () => {
    expect(() => buildQuery({ dataset: 'jobs"; DROP TABLE jobs; --', measures: ['count'] }, JOBS)).toThrow(expect.objectContaining({ code: 'bad_name' }));
  });

  it('inlines nothing from an order clause but the quoted output name', () => {
    expect(() => buildQuery(jobs({ order: [{ field: 'count; DROP TABLE jobs' }] }), JOBS)).toThrow(expect.objectContaining({ code: 'unknown_field' }));
    expect(buildQuery(jobs({ order: [{ field: 'COUNT', dir: 'asc' }] }), JOBS).sql).toContain('ORDER BY "count" ASC NULLS LAST');
  });
});

describe('buildQuery: every filter op', () => {
  it.each([
    ['=', { field: 'status', op: '=', value: 'delivered' }, '("status" = ?)', ['delivered']],
    ['!= keeps nulls', { field: 'status', op: '!=', value: 'failed' }, '("status" IS DISTINCT FROM ?)', ['failed']],
    ['in', { field: 'status', op: 'in', value: ['a', 'b'] }, '("status" IN (?, ?))', ['a', 'b']],
    ['not in keeps nulls', { field: 'status', op: 'not in', value: ['a'] }, '("status" IS NULL OR "status" NOT IN (?))', ['a']],
    ['contains ignores case', { field: 'status', op: 'contains', value: 'LIVER' }, 'coalesce(contains(lower(CAST("status" AS VARCHAR)), lower(?)), FALSE)', ['LIVER']],
    ['> on a number casts to DOUBLE', { field: 'cost', op: '>', value: 2 }, '("cost" > CAST(? AS DOUBLE))', [2]],
    ['>= accepts a numeric string for a number', { field: 'cost', op: '>=', value: '2.5' }, '("cost" >= CAST(? AS DOUBLE))', [2.5]],
    ['< on a timestamp casts to TIMESTAMPTZ (normalised to UTC)', { field: 'created_at', op: '<', value: '2025-11-01T02:00:00+02:00' }, '("created_at" < CAST(? AS TIMESTAMPTZ))', ['2025-11-01T00:00:00Z']],
    ['<= on an integer column', { field: 'issue_count', op: '<=', value: 3 }, '("issue_count" <= CAST(? AS DOUBLE))', [3]],
    ['between is inclusive', { field: 'cost', op: 'between', value: [1, 2] }, '("cost" BETWEEN CAST(? AS DOUBLE) AND CAST(? AS DOUBLE))', [1, 2]],
    ['is null', { field: 'status', op: 'is null' }, '("status" IS NULL)', []],
    ['is not null', { field: 'status', op: 'is not null' }, '("status" IS NOT NULL)', []],
    ['= on a boolean', { field: 'paid', op: '=', value: 'true' }, '("paid" = CAST(? AS BOOLEAN))', [true]],
  ] as const)('%s', (_, filter, condition, params) => {
    const q = buildQuery(jobs({ filters: [filter] }), JOBS);
    expect(q.sql).toContain(`WHERE ${condition}\n`);
    expect(q.params).toEqual(params);
  });

  it('compares an attribute numerically when the value is a number, as text otherwise', () => {
    const n = buildQuery(events({ filters: [{ field: 'voice.ms', op: '=', value: 5 }] }), EVENTS);
    expect(n.sql).toContain('(TRY_CAST(json_extract_string("attributes", ?) AS DOUBLE) = CAST(? AS DOUBLE))');
    expect(n.params).toEqual(['/voice.ms', 5]);
    const s = buildQuery(events({ filters: [{ field: 'plan', op: '=', value: '5' }] }), EVENTS);
    expect(s.sql).toContain('(json_extract_string("attributes", ?) = ?)');
    // an ordering op with a numeric string compares numerically: "1000" > "500" as numbers
    const o = buildQuery(events({ filters: [{ field: 'voice.ms', op: '>', value: '500' }] }), EVENTS);
    expect(o.params).toEqual(['/voice.ms', 500]);
  });

  it('refuses a value that is not a number for a numeric column, naming the filter', () => {
    expect(() => buildQuery(jobs({ filters: [{ field: 'cost', op: '>', value: 'lots' }] }), JOBS)).toThrow(
      expect.objectContaining({ code: 'bad_spec', message: 'filter "cost >": "lots" is not a number' }),
    );
  });

  it('refuses a value that is not a timestamp for a timestamp column', () => {
    expect(() => buildQuery(jobs({ filters: [{ field: 'created_at', op: '>', value: 'yesterday' }] }), JOBS)).toThrow(expect.objectContaining({ code: 'bad_spec' }));
  });
});

describe('buildQuery: grains and time zones', () => {
  it.each(['minute', 'hour', 'day', 'month', 'quarter', 'year'] as const)('truncates to the %s in the workspace time zone', (grain) => {
    const q = buildQuery(events({ time: { grain } }), { ...EVENTS, timeZone: 'Europe/Berlin' });
    expect(q.sql).toContain(`timezone(?, date_trunc('${grain}', timezone(?, "occurred_at"))) AS "time"`);
    expect(q.params).toEqual(['Europe/Berlin', 'Europe/Berlin']);
  });

  it('uses ISO weeks (starting Monday) by default', () => {
    expect(buildQuery(events({ time: { grain: 'week' } }), EVENTS).sql).toContain(`date_trunc('week', make_timestamp(epoch_us("occurred_at")))`);
  });

  it('shifts weeks to start on Sunday when the workspace says so', () => {
    expect(buildQuery(events({ time: { grain: 'week' } }), { ...EVENTS, weekStart: 'sunday' }).sql).toContain(
      `(date_trunc('week', make_timestamp(epoch_us("occurred_at")) + INTERVAL 1 DAY) - INTERVAL 1 DAY)`,
    );
  });

  it('picks the first timestamp column of a table that has no time column', () => {
    const ctx: BuildContext = { columns: [{ name: 'name', type: 'VARCHAR' }, { name: 'when', type: 'TIMESTAMP' }], timeColumn: null, watermark: null, timeZone: 'UTC' };
    expect(buildQuery({ dataset: 't', measures: ['count'], time: { grain: 'day' } }, ctx).sql).toContain(`make_timestamp(epoch_us(CAST("when" AS TIMESTAMPTZ)))`);
  });

  it('reads a DATE time field as local midnights of the workspace time zone', () => {
    const ctx: BuildContext = { columns: [{ name: 'day', type: 'DATE' }], timeColumn: 'day', watermark: null, timeZone: 'Asia/Tokyo' };
    const q = buildQuery({ dataset: 't', measures: ['count'], time: { grain: 'month' } }, ctx);
    expect(q.sql).toContain(`date_trunc('month', timezone(?, timezone(?, CAST("day" AS TIMESTAMP))))`);
    expect(q.params).toEqual(['Asia/Tokyo', 'Asia/Tokyo', 'Asia/Tokyo']);
  });

  it('refuses a grain on a table without any timestamp column', () => {
    const ctx: BuildContext = { columns: [{ name: 'name', type: 'VARCHAR' }], timeColumn: null, watermark: null, timeZone: 'UTC' };
    expect(() => buildQuery({ dataset: 't', measures: ['count'], time: { grain: 'day' } }, ctx)).toThrow(expect.objectContaining({ code: 'bad_spec' }));
  });

  it('refuses a time.field that is not a timestamp', () => {
    expect(() => buildQuery(jobs({ time: { grain: 'day', field: 'status' } }), JOBS)).toThrow(
      expect.objectContaining({ code: 'bad_spec', hint: 'timestamp columns: created_at' }),
    );
  });
});

describe('buildQuery: ranges', () => {
  const bounds = (q: { params: readonly unknown[] }) => q.params.filter((p) => typeof p === 'string' && /^\d{4}-/.test(p));

  it('anchors "last" at the watermark, keeping its microseconds and including it', () => {
    const q = buildQuery(events({ time: { last: '1d' } }), EVENTS);
    expect(q.sql).toContain('"occurred_at" >= CAST(? AS TIMESTAMPTZ) AND "occurred_at" <= CAST(? AS TIMESTAMPTZ)');
    // 2025-11-10 07:00:00.123456 minus 24 h
    expect(bounds(q)).toEqual(['2025-11-09T07:00:00.123456Z', '2025-11-10T07:00:00.123456Z']);
  });

  it('anchors "last" at now when the spec gives one', () => {
    const q = buildQuery(events({ time: { last: '2w' }, now: '2025-11-15T00:00:00Z' }), EVENTS);
    // 14 days before Nov 15 is Nov 1
    expect(bounds(q)).toEqual(['2025-11-01T00:00:00Z', '2025-11-15T00:00:00Z']);
  });

  it('covers nothing when "last" has no anchor (an empty dataset)', () => {
    expect(buildQuery(events({ time: { last: '30d' } }), { ...EVENTS, watermark: null }).sql).toContain('WHERE FALSE');
  });

  it('asks for the watermark only when "last" needs it', () => {
    expect(watermarkQuery(events({ time: { last: '30d' } }), EVENTS)?.sql).toBe('SELECT CAST(max("occurred_at") AS VARCHAR) FROM "events"');
    expect(watermarkQuery(events({ time: { last: '30d' }, now: '2025-01-01T00:00:00Z' }), EVENTS)).toBeNull();
    expect(watermarkQuery(events({ time: { from: '2025-01-01T00:00:00Z' } }), EVENTS)).toBeNull();
  });

  it('compares with the period of the same length just before', () => {
    const q = buildQuery(events({ time: { from: '2025-11-08T00:00:00Z', to: '2025-11-10T00:00:00Z' }, compare: 'previous_period' }), EVENTS);
    // 2 days back from Nov 8 -> [Nov 6, Nov 8)
    expect(bounds(q)).toEqual(['2025-11-08T00:00:00Z', '2025-11-10T00:00:00Z', '2025-11-06T00:00:00Z', '2025-11-08T00:00:00Z']);
    expect(q.sql).toContain('coalesce(p."count", 0) AS "count (previous)"');
    expect(q.sql).toContain('AS "count (change %)"');
  });

  it('shifts a "last" range back by calendar months', () => {
    const q = buildQuery(events({ time: { last: '1mo' }, now: '2025-03-31T12:00:00Z', compare: 'previous_period' }), EVENTS);
    // Mar 31 - 1 month = Feb 28 (clamped); Feb 28 - 1 month = Jan 28
    expect(bounds(q)).toEqual(['2025-02-28T12:00:00Z', '2025-03-31T12:00:00Z', '2025-01-28T12:00:00Z', '2025-02-28T12:00:00Z']);
  });

  it('refuses to compare without a bounded range', () => {
    expect(() => buildQuery(events({ compare: 'previous_period' }), EVENTS)).toThrow(expect.objectContaining({ code: 'bad_spec' }));
    expect(() => buildQuery(events({ compare: 'previous_period', time: { from: '2025-01-01' } }), EVENTS)).toThrow(/bounded/);
  });

  it('refuses a range whose from is not before its to', () => {
    expect(() => buildQuery(events({ time: { from: '2025-02-01', to: '2025-01-01' } }), EVENTS)).toThrow(/not before/);
  });
});

describe('buildQuery: outputs', () => {
  it('refuses two output columns with the same name', () => {
    expect(() => buildQuery(jobs({ measures: ['count', 'count'] }), JOBS)).toThrow(expect.objectContaining({ code: 'bad_spec' }));
    expect(() => buildQuery(events({ dimensions: ['time'], time: { grain: 'day' } }), EVENTS)).toThrow(/"time" would appear twice/);
  });

  it('refuses sum of a text column', () => {
    expect(() => buildQuery(jobs({ measures: ['sum(status)'] }), JOBS)).toThrow(
      expect.objectContaining({ code: 'bad_spec', message: 'sum(status) needs a numeric field, but "status" is VARCHAR' }),
    );
  });

  it('computes rate as the matching fraction of rows', () => {
    const q = buildQuery(jobs({ measures: ['rate(status = delivered)'] }), JOBS);
    expect(q.sql).toContain('(CAST(count(*) FILTER (WHERE ("status" = ?)) AS DOUBLE) / NULLIF(count(*), 0)) AS "rate(status = delivered)"');
    expect(q.params).toEqual(['delivered']);
  });
});

describe('parseMeasure', () => {
  it.each([
    ['count', 'count', null],
    ['COUNT(*)', 'count', null],
    ['count_distinct(user_id)', 'count_distinct', 'user_id'],
    ['sum(Cost (USD) $)', 'sum', 'Cost (USD) $'],
    ['P95(voice.first_response_ms)', 'p95', 'voice.first_response_ms'],
    ['rate(event_name in (a, b))', 'rate', 'event_name in (a, b)'],
  ])('reads %s', (text, fn, arg) => {
    expect(parseMeasure(text)).toEqual({ name: text, fn, arg });
  });

  it('suggests the closest measure for a typo', () => {
    expect(() => parseMeasure('sun(cost)')).toThrow(expect.objectContaining({ code: 'bad_spec', hint: expect.stringMatching(/^did you mean "sum"\?/) }));
  });

  it('refuses count of a field and an empty argument', () => {
    expect(() => parseMeasure('count(user_id)')).toThrow(/unknown measure/);
    expect(() => parseMeasure('sum()')).toThrow(/needs a field/);
  });
});

describe('parseRateFilter', () => {
  it.each([
    ['status = delivered', { field: 'status', op: '=', value: 'delivered' }],
    ['status!=failed', { field: 'status', op: '!=', value: 'failed' }],
    ['qc score >= 0.8', { field: 'qc score', op: '>=', value: '0.8' }],
    ['cost < 2', { field: 'cost', op: '<', value: '2' }],
    ["provider = 'open ai'", { field: 'provider', op: '=', value: 'open ai' }],
    ["name = 'it''s'", { field: 'name', op: '=', value: "it's" }],
    ["event_name in (signup, 'log, in', \"x\")", { field: 'event_name', op: 'in', value: ['signup', 'log, in', 'x'] }],
    ['event_name NOT IN (a)', { field: 'event_name', op: 'not in', value: ['a'] }],
    ['sign in count > 5', { field: 'sign in count', op: '>', value: '5' }],
    ['"a=b" <= 3', { field: 'a=b', op: '<=', value: '3' }],
    ['url = a=b', { field: 'url', op: '=', value: 'a=b' }],
  ])('reads %s', (text, filter) => {
    expect(parseRateFilter(text)).toEqual(filter);
  });

  it.each(['status', '= x', 'status =', "status = 'open", 'status in a, b'])('refuses %s', (text) => {
    expect(() => parseRateFilter(text)).toThrow(expect.objectContaining({ code: 'bad_spec' }));
  });
});

describe('instants and durations', () => {
  it('reads ISO 8601 and DuckDB timestamps as UTC instants', () => {
    expect(formatInstant(parseInstant('2025-11-08')!)).toBe('2025-11-08T00:00:00Z');
    expect(formatInstant(parseInstant('2025-11-08T12:00:00+01:30')!)).toBe('2025-11-08T10:30:00Z');
    expect(formatInstant(parseInstant('2025-11-08 12:00:00.5+00')!)).toBe('2025-11-08T12:00:00.5Z');
    expect(parseInstant('2025-02-30T00:00:00Z')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });

  it('subtracts fixed units exactly and months on the calendar', () => {
    const t = parseInstant('2024-03-31T00:00:00Z')!;
    expect(formatInstant(minusDuration(t, parseDuration('90m')!))).toBe('2024-03-30T22:30:00Z');
    expect(formatInstant(minusDuration(t, parseDuration('1mo')!))).toBe('2024-02-29T00:00:00Z'); // leap year
    expect(formatInstant(minusDuration(t, parseDuration('1y')!))).toBe('2023-03-31T00:00:00Z');
  });
});

describe('validateSpec', () => {
  const valid = { dataset: 'events', measures: ['count'] };

  it('accepts a full spec and drops optional keys given as null', () => {
    expect(validateSpec({ ...valid, limit: null, time: { grain: 'day', last: '30d', from: null } })).toEqual({ ...valid, time: { grain: 'day', last: '30d' } });
  });

  it('names an unknown top-level key and suggests the close one', () => {
    expect(() => validateSpec({ dataset: 'events', measure: ['count'] })).toThrow(
      expect.objectContaining({
        code: 'unknown_field',
        message: 'unknown field "measure" in the query spec',
        hint: 'did you mean "measures"? allowed: dataset, measures, dimensions, time, filters, compare, order, limit, now, topN, maxPoints',
      }),
    );
  });

  it.each([
    ['a non-object', [1], /must be a JSON object/],
    ['a missing dataset', { measures: ['count'] }, /dataset is missing/],
    ['measures that are not a list', { ...valid, measures: 'count' }, /measures must be an array/],
    ['empty measures', { ...valid, measures: [] }, /measures is empty/],
    ['a bad grain', { ...valid, time: { grain: 'fortnight' } }, /time.grain "fortnight" is not one of/],
    ['an unknown key in time', { ...valid, time: { gran: 'day' } }, /unknown field "gran"/],
    ['a bad op', { ...valid, filters: [{ field: 'a', op: 'like', value: 'x' }] }, /filters\[0\].op "like"/],
    ['a bad dir', { ...valid, order: [{ field: 'count', dir: 'up' }] }, /order\[0\].dir "up"/],
    ['a zero limit', { ...valid, limit: 0 }, /limit must be a whole number/],
    ['a fractional limit', { ...valid, limit: 1.5 }, /limit must be a whole number/],
    ['a limit over a million', { ...valid, limit: 1_000_001 }, /limit must be a whole number/],
    ['a bad timestamp', { ...valid, time: { from: '2025-13-01' } }, /time.from "2025-13-01" is not an ISO 8601/],
    ['a bad now', { ...valid, now: 'now' }, /now "now" is not an ISO 8601/],
    ['a bad last', { ...valid, time: { last: '30 days' } }, /time.last "30 days" is not a relative range/],
    ['last together with from', { ...valid, time: { last: '30d', from: '2025-01-01' } }, /both "last" and "from"/],
    ['between with one value', { ...valid, filters: [{ field: 'a', op: 'between', value: [1] }] }, /two values/],
    ['in with no values', { ...valid, filters: [{ field: 'a', op: 'in', value: [] }] }, /non-empty array/],
    ['is null with a value', { ...valid, filters: [{ field: 'a', op: 'is null', value: 1 }] }, /takes no value/],
    ['= without a value', { ...valid, filters: [{ field: 'a', op: '=' }] }, /needs a value/],
    ['a bad compare', { ...valid, compare: 'last_year' }, /compare "last_year"/],
    ['topN without dimensions', { ...valid, topN: { n: 3 } }, /topN needs a dimension/],
    ['topN of a field that is not a dimension', { ...valid, dimensions: ['a'], topN: { dimension: 'b', n: 3 } }, /topN.dimension "b" is not one of the dimensions/],
    ['a topN of zero', { ...valid, dimensions: ['a'], topN: { n: 0 } }, /topN.n must be a whole number/],
    ['a topN that is a number', { ...valid, dimensions: ['a'], topN: 3 }, /topN must be an object/],
    ['an unknown key in topN', { ...valid, dimensions: ['a'], topN: { n: 3, other: true } }, /unknown field "other"/],
  ])('rejects %s', (_, input, message) => {
    expect(() => validateSpec(input)).toThrow(message);
  });

  it.each(['15m', '12h', '30d', '8w', '3mo', '1y'])('accepts last "%s"', (last) => {
    expect(validateSpec({ ...valid, time: { last } }).time?.last).toBe(last);
  });
});

describe('buildQuery: top N with "Other"', () => {
  const FOLD = (expr: string, rank: string, where = '') =>
    `CASE WHEN ${expr} IS NULL THEN NULL WHEN CAST(${expr} AS VARCHAR) IN (SELECT CAST(${expr} AS VARCHAR) FROM "jobs"${where}\nGROUP BY 1\nHAVING CAST(${expr} AS VARCHAR) IS NOT NULL\nORDER BY ${rank} DESC NULLS LAST, 1 ASC\nLIMIT ?) THEN CAST(${expr} AS VARCHAR) ELSE ? END`;

  it.each([
    [
      'folds the first dimension, ranked by the first measure',
      jobs({ measures: ['sum(cost)', 'count'], dimensions: ['status'], topN: { n: 3 } }),
      `${FOLD('"status"', 'sum("cost")')} AS "status"`,
      [3, 'Other'],
    ],
    [
      'folds the named dimension and leaves the others alone',
      jobs({ dimensions: ['paid', 'status'], topN: { dimension: 'status', n: 2 } }),
      `"paid" AS "paid", ${FOLD('"status"', 'count(*)')} AS "status"`,
      [2, 'Other'],
    ],
    [
      'ranks over the same rows as the query: filters and window, their values bound in order',
      jobs({ measures: ['p95(cost)'], dimensions: ['status'], filters: [{ field: 'paid', op: '=', value: true }], time: { from: '2025-11-01T00:00:00Z', to: '2025-11-08T00:00:00Z' }, topN: { n: 1 } }),
      `${FOLD('"status"', 'quantile_cont("cost", 0.95)', '\nWHERE ("paid" = CAST(? AS BOOLEAN))\n  AND "created_at" >= CAST(? AS TIMESTAMPTZ) AND "created_at" < CAST(? AS TIMESTAMPTZ)')} AS "status"`,
      [true, '2025-11-01T00:00:00Z', '2025-11-08T00:00:00Z', 1, 'Other', true, '2025-11-01T00:00:00Z', '2025-11-08T00:00:00Z'],
    ],
  ])('%s', (_, spec, fragment, params) => {
    const q = buildQuery(spec, JOBS);
    expect(q.sql).toContain(fragment);
    expect(q.params).toEqual(params);
  });

  it('uses the same fold (ranked over the current period) for the previous period', () => {
    const q = buildQuery(jobs({ dimensions: ['status'], time: { from: '2025-11-08T00:00:00Z', to: '2025-11-15T00:00:00Z' }, compare: 'previous_period', topN: { n: 2 } }), JOBS);
    expect(q.sql.split('ELSE ? END').length - 1).toBe(2);
    // the window's start: in both rankings, the current filter and the previous window's end
    expect(q.params.filter((v) => v === '2025-11-08T00:00:00Z').length).toBe(4);
  });

  it('refuses topN on a builder input without that dimension', () => {
    expect(() => buildQuery(jobs({ dimensions: ['status'], topN: { dimension: 'paid', n: 2 } }), JOBS)).toThrow(/"paid" is not one/);
  });
});
