/**
 * What happens in one visitor session, as a list of event drafts in time order: voice turns,
 * commerce funnels (view -> add_to_cart ~60% -> checkout ~50%), assistant tool chains with
 * knowledge-base searches, and bookings (hold -> confirm ~65%).
 * Invariants: drafts are returned in non-decreasing time; every add_to_cart follows a view and
 * every checkout an add_to_cart of the same session; `voice.first_response_ms` equals the time
 * from the end of the caller's speech (the turn's last asr_partial) to the first_response event,
 * tool calls and knowledge-base lookups included. No identifiers or envelopes here.
 */
import {
  KB_ARTICLES,
  KB_QUERIES,
  PRODUCTS,
  TOOL_ERRORS,
  TOOLS,
  VOICE_MODELS,
  type EventName,
  type EventSource,
  type Product,
  type SessionKind,
  type Site,
  type Tool,
} from './event-catalogue';
import { type Random, WeightedPicker, round, zipfWeights } from './random';
import { DAY_MS, HOUR_MS, isoZ } from './timeline';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type Attributes = Record<string, JsonValue>;

export interface EventDraft {
  /** Epoch milliseconds. */
  readonly t: number;
  readonly name: EventName;
  readonly source: EventSource;
  /** The page the event happened on; null for server-side events. */
  readonly path: string | null;
  readonly attributes: Attributes;
}

export interface SessionSpec {
  readonly kind: SessionKind;
  readonly site: Site;
  readonly sessionId: string;
  /** The browser-side source of the session: web page or embedded widget. */
  readonly channel: 'web' | 'widget';
  readonly locale: string;
  readonly start: number;
}

/** Voice latency incident: a degraded speech model for a few hours on 2026-10-20. */
const INCIDENT_FROM = Date.UTC(2026, 9, 20, 13, 0);
const INCIDENT_TO = Date.UTC(2026, 9, 20, 16, 30);
const inIncident = (t: number) => t >= INCIDENT_FROM && t < INCIDENT_TO;

const PAYMENT = WeightedPicker.of<string>([['card', 0.6], ['klarna', 0.25], ['swish', 0.15]]);
const ARTICLE = new WeightedPicker(KB_ARTICLES, zipfWeights(KB_ARTICLES.length, 0.9));
const QUERY = new WeightedPicker(KB_QUERIES, KB_QUERIES.map((q) => (/@|\+46/.test(q) ? 0.05 : 1)));
const ASSISTANT_PAGES = ['/', '/help', '/contact', '/orders', '/faq'] as const;
const productsByPrefix = new Map<string, WeightedPicker<Product>>();

function productPicker(prefix: string | null): WeightedPicker<Product> {
  const key = prefix ?? '';
  let picker = productsByPrefix.get(key);
  if (!picker) {
    const range = PRODUCTS.filter((p) => p.id.startsWith(key));
    picker = new WeightedPicker(range, zipfWeights(range.length, 0.8));
    productsByPrefix.set(key, picker);
  }
  return picker;
}

/** Appends drafts while keeping a clock that only moves forward. */
class SessionClock {
  readonly drafts: EventDraft[] = [];
  /** The session clock, whole milliseconds. */
  t: number;

  constructor(start: number) {
    this.t = Math.round(start);
  }

  at(t: number, name: EventName, source: EventSource, path: string | null, attributes: Attributes): void {
    this.t = Math.max(this.t, Math.round(t));
    this.drafts.push({ t: this.t, name, source, path, attributes });
  }

  after(gapMs: number, name: EventName, source: EventSource, path: string | null, attributes: Attributes): void {
    this.at(this.t + gapMs, name, source, path, attributes);
  }

  /** Lets time pass without an event (think time between turns or chains). */
  wait(ms: number): void {
    this.t = Math.round(this.t + ms);
  }
}

function toolCall(rng: Random, tl: SessionClock, tool: Tool, path: string | null): boolean {
  const callId = `call_${rng.hex(6)}`;
  const base = { 'ai.tool_name': tool.name, 'ai.tool_category': tool.category, 'ai.call_id': callId };
  tl.after(rng.int(15, 60), 'ai.tool_call_started', 'server', path, base);
  const ms = Math.round(rng.logNormal(tool.medianMs, 0.45) * (rng.chance(0.03) ? rng.between(3, 8) : 1));
  const ok = rng.chance(tool.successRate);
  tl.after(ms, 'ai.tool_call_completed', 'server', path, {
    ...base,
    'ai.execution_ms': ms,
    'ai.success': ok,
    ...(ok ? {} : { 'ai.error_code': rng.pick(TOOL_ERRORS) }),
  });
  return ok;
}

/** A search and, often, a hit: a person reads for seconds before clicking, the server takes the top result at once. */
function kbSearch(rng: Random, tl: SessionClock, source: EventSource, path: string | null, gapMs: number): void {
  const results = rng.chance(0.12) ? 0 : rng.int(1, 12);
  const top = results === 0 ? 0 : round(0.3 + 0.68 * Math.pow(rng.next(), 0.6), 3);
  const latency = Math.round(rng.logNormal(45, 0.5));
  tl.after(gapMs, 'kb.search', source, path, {
    'kb.query': QUERY.pick(rng),
    'kb.results_count': results,
    'kb.search_latency_ms': latency,
    'kb.relevance_score': top,
  });
  if (results > 0 && rng.chance(0.72)) {
    const rank = Math.min(results, rng.geometric(1.5));
    tl.after(latency + (source === 'server' ? rng.logNormal(25, 0.4) : rng.logNormal(4_000, 0.6)), 'kb.hit', source, path, {
      'kb.document_id': ARTICLE.pick(rng),
      'kb.rank': rank,
      'kb.relevance_score': round(top * Math.pow(0.93, rank - 1), 3),
    });
  }
}

function voiceSession(rng: Random, s: SessionSpec, tl: SessionClock): void {
  const path = s.site.productPrefix ? '/' : '/support';
  const model = rng.pick(VOICE_MODELS);
  const turns = Math.min(8, rng.geometric(2.4));
  for (let turn = 1; turn <= turns; turn++) {
    const turnStart = tl.t;
    tl.at(turnStart, 'voice.turn_started', 'voice_ws', path, { 'voice.session_id': s.sessionId, 'voice.turn_index': turn, 'voice.language': s.locale });
    for (let p = rng.int(1, 3); p > 0; p--) {
      tl.after(rng.logNormal(350, 0.4), 'voice.asr_partial', 'voice_ws', path, {
        'voice.turn_index': turn,
        'voice.asr_partial_latency_ms': Math.round(rng.logNormal(48, 0.45)),
      });
    }
    const speechEnd = tl.t;
    if (rng.chance(0.25)) toolCall(rng, tl, rng.pick(TOOLS), null);
    if (rng.chance(0.2)) kbSearch(rng, tl, 'server', null, rng.int(10, 40));
    // Long tail: cold starts now and then, everything slower during the incident.
    let firstMs = rng.logNormal(420, 0.45) * (rng.chance(0.04) ? rng.between(2, 5) : 1);
    if (inIncident(turnStart)) firstMs *= 3;
    const respondAt = Math.round(Math.max(speechEnd + firstMs, tl.t + rng.logNormal(150, 0.3)));
    tl.at(respondAt, 'voice.first_response', 'voice_ws', path, {
      'voice.turn_index': turn,
      'voice.first_response_ms': respondAt - speechEnd,
      'voice.model': model,
    });
    if (rng.chance(inIncident(turnStart) ? 0.35 : 0.15)) {
      tl.after(rng.logNormal(1_200, 0.5), 'voice.barge_in', 'voice_ws', path, {
        'voice.turn_index': turn,
        'voice.barge_in_ms': Math.round(rng.logNormal(220, 0.4)),
      });
    }
    tl.wait(rng.logNormal(9_000, 0.6));
  }
}

function productAttributes(p: Product): Attributes {
  return { product_id: p.id, product_name: p.name, product_category: p.category, price: p.price, currency: 'EUR' };
}

function commerceSession(rng: Random, s: SessionSpec, tl: SessionClock): void {
  const products = productPicker(s.site.productPrefix);
  if (rng.chance(0.08)) kbSearch(rng, tl, s.channel, '/search', 0);
  const views = Math.min(10, rng.geometric(2.3));
  let last: Product | null = null;
  for (let v = 0; v < views; v++) {
    last = products.pick(rng);
    tl.after(v === 0 && tl.drafts.length === 0 ? 0 : rng.logNormal(35_000, 0.8), 'commerce.view', s.channel, `/products/${last.id}`, productAttributes(last));
  }
  if (!last || !rng.chance(0.6)) return;
  const quantity = rng.chance(0.85) ? 1 : 2;
  tl.after(rng.logNormal(20_000, 0.7), 'commerce.add_to_cart', s.channel, `/products/${last.id}`, { ...productAttributes(last), quantity });
  if (!rng.chance(0.5)) return;
  tl.after(rng.logNormal(90_000, 0.7), 'commerce.checkout', s.channel, '/checkout', {
    order_id: `ord_${rng.hex(5)}`,
    order_value: round(last.price * quantity, 2),
    items: quantity,
    currency: 'EUR',
    payment_method: PAYMENT.pick(rng),
  });
}

function assistantSession(rng: Random, s: SessionSpec, tl: SessionClock): void {
  const path = rng.pick(ASSISTANT_PAGES);
  kbSearch(rng, tl, s.channel, path, 0);
  const chains = Math.min(3, rng.geometric(1.4));
  for (let c = 0; c < chains; c++) {
    tl.wait(rng.logNormal(6_000, 0.6));
    const length = Math.min(5, rng.geometric(2));
    let ok = true;
    let navigated = false;
    for (let i = 0; i < length; i++) {
      const tool = rng.pick(TOOLS);
      navigated ||= tool.name === 'navigation.goto';
      ok = toolCall(rng, tl, tool, path) && ok;
    }
    tl.after(rng.int(5, 40), 'ai.tool_chain_completed', 'server', path, {
      'ai.tool_chain_length': length,
      'ai.success': ok,
      ...(navigated ? { 'ai.navigation_optimistic': rng.chance(0.8) } : {}),
    });
  }
  if (rng.chance(0.3)) kbSearch(rng, tl, s.channel, path, rng.logNormal(15_000, 0.6));
}

function bookingSession(rng: Random, s: SessionSpec, tl: SessionClock): void {
  const service = rng.pick(s.site.services);
  const holds = rng.chance(0.8) ? 1 : 2;
  let slot = 0;
  for (let h = 0; h < holds; h++) {
    const day = Math.floor(tl.t / DAY_MS) + rng.int(1, 14);
    slot = day * DAY_MS + rng.int(7, 16) * HOUR_MS + rng.pick([0, 30]) * 60_000;
    tl.after(h === 0 ? 0 : rng.logNormal(40_000, 0.5), 'booking.slot_hold', s.channel, '/booking', {
      'booking.service': service,
      'booking.slot_start': isoZ(slot),
      'booking.hold_seconds': 600,
    });
  }
  if (!rng.chance(0.65)) return;
  const confirmAt = Math.round(tl.t + rng.logNormal(70_000, 0.6));
  tl.at(confirmAt, 'booking.confirmed', s.channel, '/booking/confirm', {
    'booking.service': service,
    'booking.slot_start': isoZ(slot),
    'booking.lead_time_hours': round((slot - confirmAt) / HOUR_MS, 1),
  });
}

const BUILDERS: Record<SessionKind, (rng: Random, s: SessionSpec, tl: SessionClock) => void> = {
  voice: voiceSession,
  commerce: commerceSession,
  assistant: assistantSession,
  booking: bookingSession,
};

/** The events of one session, in time order (at least one). */
export function sessionDrafts(rng: Random, spec: SessionSpec): EventDraft[] {
  const tl = new SessionClock(spec.start);
  BUILDERS[spec.kind](rng, spec, tl);
  return tl.drafts;
}
