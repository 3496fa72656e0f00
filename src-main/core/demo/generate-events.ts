/**
 * Seed 004 event envelopes as NDJSON text, one chunk per day, for 60 days ending 2026-10-31.
 * Volume follows the week (quieter weekends), the hour (evening peak), a slow growth and one
 * sale day; visitors return with a recency bias, so a few are heavy users and cohorts decay.
 * Invariants: exactly `total` distinct valid events; on top of them ~0.5% exact copies of recent
 * lines (at-least-once delivery) and the 20 lines of bad-event-lines.ts, spread evenly and never
 * first in a chunk (so each file opens with a good line); ~2% of sessions without analytics
 * consent; browser events of Nordic/German visitors stamped +02:00, everything else Z; no
 * event at or after 2026-11-01T00:00Z.
 */
import { BAD_EVENT_LINES } from './bad-event-lines';
import { ENTRY_REFERRERS, LOCALES, SITES, VISITOR_HOURS, type Locale, type Site } from './event-catalogue';
import { sessionDrafts, type Attributes, type EventDraft, type JsonValue } from './event-sessions';
import { type Random, WeightedPicker } from './random';
import { DAY_MS, DEMO_DAYS, DEMO_END_MS, DEMO_START_MS, HourOfDay, dayStartMs, dayWeights, isoWithOffset, isoZ, splitBudget } from './timeline';

export interface EventFile {
  readonly name: string;
  readonly gzip: boolean;
  /** First demo day (0-based) written to this file. */
  readonly fromDay: number;
}

const dayOf = (ms: number) => Math.round((ms - DEMO_START_MS) / DAY_MS);

/** September, the first half of October (gzip), the second half of October. */
export const EVENT_FILES: readonly EventFile[] = [
  { name: 'events-2026-09.ndjson', gzip: false, fromDay: 0 },
  { name: 'events-2026-10-01_15.ndjson.gz', gzip: true, fromDay: dayOf(Date.UTC(2026, 9, 1)) },
  { name: 'events-2026-10-16_31.ndjson', gzip: false, fromDay: dayOf(Date.UTC(2026, 9, 16)) },
];

export interface EventChunk {
  /** Index into EVENT_FILES. */
  readonly file: number;
  readonly text: string;
}

const AVG_EVENTS_PER_SESSION = 6.5;
const NEW_VISITOR_SHARE = 0.3;
/** Returning visitors come back after about this many days (exponential). */
const RETURN_DAYS = 4;
const WARMUP_DAYS = 14;
const DUPLICATE_RATE = 0.005;
const RECENT_LINES = 1000;
const NO_CONSENT_RATE = 0.02;
const ADS_CONSENT_RATE = 0.6;
const ANONYMOUS_RATE = 0.04;
const LOCAL_OFFSET_MINUTES = 120;
const SALE_DAY = dayOf(Date.UTC(2026, 9, 9));

interface Visitor {
  readonly id: string;
  readonly site: Site;
  readonly locale: Locale;
}

/** New visitors, or returning ones picked from recent sessions (recent and frequent come back). */
class Visitors {
  private readonly history: Visitor[] = [];
  private readonly sites = new WeightedPicker(SITES, SITES.map((s) => s.share));
  private readonly locales = WeightedPicker.of(LOCALES);

  constructor(private readonly recencyMean: number) {}

  next(rng: Random): Visitor {
    let visitor: Visitor;
    if (this.history.length === 0 || rng.chance(NEW_VISITOR_SHARE)) {
      visitor = { id: `usr_${rng.hex(6)}`, site: this.sites.pick(rng), locale: this.locales.pick(rng) };
    } else {
      const back = Math.floor(rng.exponential(this.recencyMean));
      visitor = this.history[Math.max(0, this.history.length - 1 - back)]!;
    }
    this.history.push(visitor);
    return visitor;
  }
}

interface Session {
  readonly id: string;
  readonly visitor: Visitor;
  readonly anonymous: boolean;
  readonly consent: { readonly analytics: boolean; readonly ads: boolean };
  readonly referrer: string;
}

interface Placed {
  readonly t: number;
  readonly envelope: Attributes;
}

const REFERRERS = WeightedPicker.of(ENTRY_REFERRERS);
const SESSION_MIX = new Map(SITES.map((site) => [site, WeightedPicker.of(site.sessionMix)]));

/** Envelopes of one session's drafts; the referrer of a page is the page before it. */
function envelopes(rng: Random, s: Session, drafts: readonly EventDraft[]): Placed[] {
  const { visitor } = s;
  let referrer = s.referrer;
  let current: string | null = null;
  return drafts.map((d) => {
    let context: Attributes = { locale: visitor.locale.tag, consent: { ...s.consent } };
    if (d.path !== null) {
      const url = `https://${visitor.site.host}${d.path}`;
      if (current !== null && url !== current) referrer = current;
      current = url;
      context = { page: { url, referrer }, ...context };
    }
    const local = visitor.locale.localOffset && (d.source === 'web' || d.source === 'widget');
    const envelope: Record<string, JsonValue> = {
      event_id: rng.uuid(),
      event_name: d.name,
      occurred_at: local ? isoWithOffset(d.t, LOCAL_OFFSET_MINUTES) : isoZ(d.t),
      tenant_id: visitor.site.tenantId,
      site_id: visitor.site.siteId,
      session_id: s.id,
      ...(s.anonymous ? {} : { user_id: visitor.id }),
      source: d.source,
      attributes: d.attributes,
      context,
    };
    return { t: d.t, envelope };
  });
}

function newSession(rng: Random, visitor: Visitor): Session {
  const analytics = !rng.chance(NO_CONSENT_RATE);
  return {
    id: rng.uuid(),
    visitor,
    anonymous: rng.chance(ANONYMOUS_RATE),
    consent: { analytics, ads: analytics && rng.chance(ADS_CONSENT_RATE) },
    referrer: REFERRERS.pick(rng),
  };
}

function fileOfDay(day: number): number {
  let file = 0;
  EVENT_FILES.forEach((f, i) => {
    if (day >= f.fromDay) file = i;
  });
  return file;
}

/** Mixes duplicates and bad lines into the stream of good lines. */
class LineMixer {
  private readonly recent: string[] = [];
  private written = 0;
  private nextBad = 0;
  private readonly badAfter: number[];

  constructor(
    private readonly rng: Random,
    total: number,
  ) {
    // Bad line i goes after good event floor((i + 0.5) * total / 20), at least after the first.
    this.badAfter = BAD_EVENT_LINES.map((_, i) => Math.max(1, Math.floor(((i + 0.5) * total) / BAD_EVENT_LINES.length)));
  }

  add(line: string, out: string[]): void {
    out.push(line);
    this.written++;
    this.recent[this.written % RECENT_LINES] = line;
    if (this.rng.chance(DUPLICATE_RATE)) {
      const back = this.rng.int(0, Math.min(this.written, RECENT_LINES) - 1);
      out.push(this.recent[(this.written - back) % RECENT_LINES]!);
    }
    while (this.nextBad < this.badAfter.length && this.badAfter[this.nextBad]! <= this.written) {
      out.push(BAD_EVENT_LINES[this.nextBad]!.make(line, this.rng));
      this.nextBad++;
    }
  }
}

/** The event files' content, day by day (chunks of one file are consecutive). */
export function* eventChunks(total: number, rng: Random): Generator<EventChunk> {
  const perDay = total / DEMO_DAYS / AVG_EVENTS_PER_SESSION;
  const visitors = new Visitors(Math.max(1, RETURN_DAYS * perDay));
  const warmup = rng.fork('warmup');
  for (let i = Math.round(WARMUP_DAYS * perDay); i > 0; i--) visitors.next(warmup);

  const weights = dayWeights(rng, { weekday: [1, 1.02, 1, 0.98, 0.92, 0.7, 0.62], growth: 0.35, noise: 0.06, spikes: { [SALE_DAY]: 1.5 } });
  const budgets = splitBudget(total, weights);
  const hours = new HourOfDay(VISITOR_HOURS);
  const mixer = new LineMixer(rng.fork('mixer'), total);

  for (let day = 0; day < DEMO_DAYS; day++) {
    let budget = budgets[day]!;
    const placed: Placed[] = [];
    while (budget > 0) {
      const visitor = visitors.next(rng);
      const session = newSession(rng, visitor);
      const kind = SESSION_MIX.get(visitor.site)!.pick(rng);
      const channel = rng.chance(0.7) ? 'web' : 'widget';
      const start = dayStartMs(day) + hours.sample(rng);
      const drafts = sessionDrafts(rng, { kind, site: visitor.site, sessionId: session.id, channel, locale: visitor.locale.tag, start })
        // The export ends at midnight: a late session on the last day is cut there.
        .filter((d) => d.t < DEMO_END_MS)
        .slice(0, budget);
      budget -= drafts.length;
      for (const p of envelopes(rng, session, drafts)) placed.push(p);
    }
    placed.sort((a, b) => a.t - b.t);
    const lines: string[] = [];
    for (const p of placed) mixer.add(JSON.stringify(p.envelope), lines);
    if (lines.length > 0) yield { file: fileOfDay(day), text: lines.join('\n') + '\n' };
  }
}
