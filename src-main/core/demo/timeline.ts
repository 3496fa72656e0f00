/**
 * The demo calendar: 60 days ending 2026-10-31 (UTC), with the weekly and daily rhythm every
 * generator shares, and the timestamp spellings the seed exports use.
 * Invariants: day budgets sum exactly to the total asked for; every sampled instant lies inside
 * its day; no clock is read (everything follows from the seed).
 */
import { type Random, WeightedPicker } from './random';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const DEMO_DAYS = 60;
/** 2026-11-01T00:00:00Z, the exclusive end of the demo period. */
export const DEMO_END_MS = Date.UTC(2026, 10, 1);
/** 2026-09-02T00:00:00Z (a Wednesday): 60 days before the end. */
export const DEMO_START_MS = DEMO_END_MS - DEMO_DAYS * DAY_MS;

export function dayStartMs(day: number): number {
  return DEMO_START_MS + day * DAY_MS;
}

export interface DayShape {
  /** Relative volume Monday..Sunday. */
  readonly weekday: readonly [number, number, number, number, number, number, number];
  /** Growth over the period: the last day is (1 + growth) times the first. */
  readonly growth: number;
  /** Day-to-day noise (sigma of a log-normal factor). */
  readonly noise: number;
  /** Extra factor on given days (a campaign, a sale). */
  readonly spikes?: Readonly<Record<number, number>>;
}

/** Relative volume of each of the 60 days. */
export function dayWeights(rng: Random, shape: DayShape): number[] {
  return Array.from({ length: DEMO_DAYS }, (_, day) => {
    const monday0 = (new Date(dayStartMs(day)).getUTCDay() + 6) % 7;
    const trend = 1 + (shape.growth * day) / (DEMO_DAYS - 1);
    return shape.weekday[monday0]! * trend * rng.logNormal(1, shape.noise) * (shape.spikes?.[day] ?? 1);
  });
}

/** Splits `total` into integer parts proportional to `weights` (cumulative rounding: exact sum). */
export function splitBudget(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let cum = 0;
  let given = 0;
  return weights.map((w) => {
    cum += w;
    const upTo = Math.round((total * cum) / sum);
    const part = upTo - given;
    given = upTo;
    return part;
  });
}

/** Samples an instant within a day following 24 hourly weights (UTC hours). */
export class HourOfDay {
  private readonly hours: WeightedPicker<number>;

  constructor(weights: readonly number[]) {
    if (weights.length !== 24) throw new Error('HourOfDay: 24 weights expected');
    this.hours = new WeightedPicker(
      weights.map((_, h) => h),
      weights,
    );
  }

  /** Milliseconds after midnight UTC. */
  sample(rng: Random): number {
    return this.hours.pick(rng) * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
  }
}

/** "2026-10-14T09:31:07.412Z". */
export function isoZ(ms: number): string {
  return new Date(ms).toISOString();
}

/** The same instant as a local clock reading with a fixed offset: "2026-10-14T11:31:07.412+02:00". */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return isoZ(ms);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1) + `${sign}${hh}:${mm}`;
}

/** Python's datetime.isoformat() of an aware UTC time: "2026-09-14T08:31:07.412000+00:00". */
export function isoPython(ms: number): string {
  return new Date(ms).toISOString().slice(0, -1) + '000+00:00';
}

/** A naive local timestamp without fraction, as in seed 000: "2026-10-30T00:00:00". */
export function isoNaiveSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** "20261031". */
export function yyyymmdd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}
