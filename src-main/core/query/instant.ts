/**
 * Instants as microseconds since the epoch (bigint), so that a watermark with microseconds
 * survives range arithmetic. ISO 8601 input without a zone is read as UTC; a date alone is
 * midnight UTC. Calendar arithmetic (months, years) is done in UTC and clamps to the month's
 * last day, as DuckDB does (2025-03-31 minus 1 month = 2025-02-28).
 */
import { UserError } from '../../../src-shared/errors';

export type Instant = bigint;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const MICROS_PER_MS = 1000n;
const MICROS_PER_SECOND = 1_000_000n;

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

function utcMs(year: number, month0: number, day: number, h: number, m: number, s: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(h, m, s, 0);
  return d.getTime();
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** Parses an ISO 8601 instant (also DuckDB's `2025-11-08 12:00:00.5+00`); null when invalid. */
export function parseInstant(text: string): Instant | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? '0')) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = offsetMinutes(m[8]);
  if (Math.abs(offset) > 18 * 60) return null;
  const fraction = BigInt((m[7] ?? '').padEnd(6, '0').slice(0, 6));
  const ms = utcMs(year, month - 1, day, hour, minute, second) - offset * 60_000;
  return BigInt(ms) * MICROS_PER_MS + fraction;
}

/** 2025-11-08T12:00:00Z, with a fraction (up to microseconds) only when there is one. */
export function formatInstant(t: Instant): string {
  let seconds = t / MICROS_PER_SECOND;
  let micros = t % MICROS_PER_SECOND;
  if (micros < 0n) {
    micros += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const fraction = micros === 0n ? '' : `.${micros.toString().padStart(6, '0').replace(/0+$/, '')}`;
  return `${base}${fraction}Z`;
}

export const DURATION_UNITS = ['m', 'h', 'd', 'w', 'mo', 'y'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  readonly count: number;
  readonly unit: DurationUnit;
}

const LAST = /^(\d+)(m|h|d|w|mo|y)$/;

/** "30d" -> {count: 30, unit: 'd'}; null when it does not match /^\d+(m|h|d|w|mo|y)$/. */
export function parseDuration(text: string): Duration | null {
  const m = LAST.exec(text);
  if (!m) return null;
  return { count: Number(m[1]), unit: m[2] as DurationUnit };
}

const FIXED_MICROS: Record<Exclude<DurationUnit, 'mo' | 'y'>, bigint> = {
  m: 60n * MICROS_PER_SECOND,
  h: 3600n * MICROS_PER_SECOND,
  d: 86_400n * MICROS_PER_SECOND,
  w: 7n * 86_400n * MICROS_PER_SECOND,
};

function minusMonths(t: Instant, months: number): Instant | null {
  const msPart = t / MICROS_PER_MS - (t % MICROS_PER_MS < 0n ? 1n : 0n);
  const rest = t - msPart * MICROS_PER_MS;
  const d = new Date(Number(msPart));
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month0));
  const shifted = new Date(d.getTime());
  shifted.setUTCFullYear(year, month0, day);
  return Number.isNaN(shifted.getTime()) ? null : BigInt(shifted.getTime()) * MICROS_PER_MS + rest;
}

/** The instants a JS Date (and so formatInstant) can hold: ±8.64e15 ms around 1970. */
const DATE_LIMIT = 8_640_000_000_000_000n * MICROS_PER_MS;

/** t minus the duration (calendar months and years in UTC); a 'bad_spec' error past the calendar's reach. */
export function minusDuration(t: Instant, duration: Duration): Instant {
  const r =
    !Number.isSafeInteger(duration.count) ? null
    : duration.unit === 'mo' ? minusMonths(t, duration.count)
    : duration.unit === 'y' ? minusMonths(t, duration.count * 12)
    : t - BigInt(duration.count) * FIXED_MICROS[duration.unit];
  if (r === null || r < -DATE_LIMIT || r > DATE_LIMIT) {
    throw new UserError('bad_spec', `a range of ${duration.count}${duration.unit} reaches past the calendar`, 'pick a shorter range, e.g. "30d"');
  }
  return r;
}
