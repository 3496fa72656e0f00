/**
 * Seed 000 analytics snapshots: one pretty-printed JSON object per hour for the last 48 hours
 * of the demo period (2026-10-30T00:00 .. 2026-10-31T23:00), timestamps naive as in the seed.
 * Counters (cache, outcome, error_count) count the hour; sla_violations_total is cumulative;
 * resolution_rate stays in 0.7..0.95 and dips below the 0.8 alert threshold during a three-hour
 * incident (cache flushed, planner slow, errors up), so threshold rules have something to flag.
 */
import { type Random, round } from './random';
import { DEMO_END_MS, HOUR_MS, isoNaiveSeconds } from './timeline';

export const SNAPSHOT_HOURS = 48;
const FIRST_HOUR_MS = DEMO_END_MS - SNAPSHOT_HOURS * HOUR_MS;
const INCIDENT_FROM = Date.UTC(2026, 9, 31, 2);
const INCIDENT_TO = Date.UTC(2026, 9, 31, 5);

/** Relative load by UTC hour (credit-repair runs follow the office day). */
const LOAD = [0.1, 0.08, 0.06, 0.06, 0.08, 0.15, 0.35, 0.6, 0.85, 1, 1, 0.95, 0.9, 0.95, 1, 0.95, 0.85, 0.7, 0.5, 0.4, 0.3, 0.25, 0.18, 0.12];

export interface SnapshotFile {
  readonly name: string;
  readonly text: string;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function generateSnapshots(rng: Random): SnapshotFile[] {
  let slaViolations = 212;
  return Array.from({ length: SNAPSHOT_HOURS }, (_, i) => {
    const ms = FIRST_HOUR_MS + i * HOUR_MS;
    const load = LOAD[new Date(ms).getUTCHours()]!;
    const incident = ms >= INCIDENT_FROM && ms < INCIDENT_TO;
    const hits = Math.round((200 + 2400 * load) * rng.logNormal(1, 0.1));
    const missRate = incident ? rng.between(0.3, 0.4) : rng.between(0.08, 0.14);
    const misses = Math.round((hits * missRate) / (1 - missRate));
    slaViolations += incident ? rng.int(3, 6) : rng.chance(0.15) ? 1 : 0;
    const accounts = Math.round((30 + 90 * load) * rng.logNormal(1, 0.1));
    const verified = Math.round(accounts * rng.between(0.4, 0.5));
    const updated = Math.round(accounts * rng.between(0.2, 0.3));
    const deleted = Math.round(accounts * rng.between(0.08, 0.14));
    const snapshot = {
      timestamp: isoNaiveSeconds(ms),
      cache: { hits, misses, evictions: Math.round(misses * rng.between(0.2, 0.4)) },
      planner: {
        resolution_rate: round(incident ? rng.between(0.71, 0.78) : clamp(0.87 + 0.025 * rng.normal(), 0.8, 0.95), 4),
        time_to_next_step_ms: Math.round(rng.logNormal(1_400, 0.25) * (incident ? 3 : 1)),
        avg_cycles_per_resolution: round(incident ? rng.between(3.2, 3.6) : rng.between(2.1, 2.9), 2),
        sla_violations_total: slaViolations,
        error_count: incident ? rng.int(6, 12) : rng.geometric(1.3) - 1,
      },
      outcome: { verified, updated, deleted, nochange: Math.max(0, accounts - verified - updated - deleted) },
    };
    const stamp = snapshot.timestamp.replaceAll('-', '').replaceAll(':', '').slice(0, 13);
    return { name: `analytics_snapshot_${stamp}.json`, text: JSON.stringify(snapshot, null, 2) + '\n' };
  });
}
