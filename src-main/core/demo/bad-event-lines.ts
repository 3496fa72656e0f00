/**
 * The intentionally broken lines mixed into the demo event files, so that an import shows
 * rejects of every kind: 7 malformed_row, 6 missing_event_id, 1 missing_event_name and 6
 * invalid_timestamp (20 in all). Each is made from the valid line written just before it, so it
 * looks like a real export glitch. Lines that still parse carry a fresh event_id, never one that
 * a good line uses. Malformed lines are invalid for DuckDB's JSON reader too (which accepts
 * trailing commas, so none of these relies on one).
 */
import type { RejectReason } from '../../../src-shared/datasets';
import type { Random } from './random';

export interface BadLine {
  readonly reason: Extract<RejectReason, 'malformed_row' | 'missing_event_id' | 'missing_event_name' | 'invalid_timestamp'>;
  /** Builds the line from the preceding valid line. */
  make(previous: string, rng: Random): string;
}

type Envelope = Record<string, unknown>;

function edited(previous: string, rng: Random, edit: (e: Envelope) => void): string {
  const e = JSON.parse(previous) as Envelope;
  e.event_id = rng.uuid();
  edit(e);
  return JSON.stringify(e);
}

const malformed = (make: (previous: string) => string): BadLine => ({ reason: 'malformed_row', make });
const missingId = (value: '' | null | undefined): BadLine => ({
  reason: 'missing_event_id',
  make: (previous, rng) =>
    edited(previous, rng, (e) => {
      if (value === undefined) delete e.event_id;
      else e.event_id = value;
    }),
});
const badTime = (value: string | undefined): BadLine => ({
  reason: 'invalid_timestamp',
  make: (previous, rng) =>
    edited(previous, rng, (e) => {
      if (value === undefined) delete e.occurred_at;
      else e.occurred_at = value;
    }),
});

/** In the order they are spread over the files (kinds interleaved). */
export const BAD_EVENT_LINES: readonly BadLine[] = [
  malformed((p) => p.slice(0, Math.floor(p.length * 0.6))),
  missingId(undefined),
  badTime('2026-09-31T12:00:00Z'),
  malformed(() => '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'),
  missingId(''),
  badTime('yesterday'),
  malformed((p) => p.replace('"event_id":', 'event_id:')),
  missingId(null),
  badTime(''),
  malformed((p) => p.replaceAll('"', "'")),
  { reason: 'missing_event_name', make: (previous, rng) => edited(previous, rng, (e) => delete e.event_name) },
  missingId(undefined),
  badTime('2026-10-15 25:61:00'),
  malformed((p) => p + p),
  missingId(''),
  badTime('14/10/2026 09:31'),
  malformed(() => '["voice.turn_started","2026-10-03T10:00:00Z"]'),
  missingId(null),
  badTime(undefined),
  malformed(() => 'undefined'),
];
