/**
 * The fixed world the demo events happen in: tenants and their sites (fictional `.example`
 * domains), what kind of sessions each site sees, products, AI tools, knowledge-base articles,
 * booking services and visitor locales. Pure data; the generators draw from it.
 */

/** The seed 004 event names the demo emits. */
export const EVENT_NAMES = [
  'voice.turn_started',
  'voice.first_response',
  'voice.barge_in',
  'voice.asr_partial',
  'ai.tool_call_started',
  'ai.tool_call_completed',
  'ai.tool_chain_completed',
  'kb.search',
  'kb.hit',
  'commerce.view',
  'commerce.add_to_cart',
  'commerce.checkout',
  'booking.slot_hold',
  'booking.confirmed',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export const EVENT_SOURCES = ['web', 'widget', 'voice_ws', 'server'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export type SessionKind = 'voice' | 'commerce' | 'assistant' | 'booking';

export interface Site {
  readonly tenantId: string;
  readonly siteId: string;
  readonly host: string;
  /** Share of new visitors landing on this site. */
  readonly share: number;
  readonly sessionMix: readonly (readonly [SessionKind, number])[];
  /** Product id prefix of the shop (commerce sessions), null when the site sells nothing. */
  readonly productPrefix: string | null;
  /** What can be booked (booking sessions). */
  readonly services: readonly string[];
}

export const SITES: readonly Site[] = [
  {
    tenantId: '6f1c2a4e-8d3b-4c7a-9e21-3b5d7f90a1c2',
    siteId: '0b7e5d21-94c3-4f6a-8b12-7c9d1e2f3a45',
    host: 'shop.nordlys-home.example',
    share: 0.35,
    sessionMix: [['commerce', 0.7], ['assistant', 0.2], ['voice', 0.1]],
    productPrefix: 'NH',
    services: [],
  },
  {
    tenantId: '6f1c2a4e-8d3b-4c7a-9e21-3b5d7f90a1c2',
    siteId: '2d4f6a8c-1e3b-4d5f-a7c9-e1b3d5f7a9c2',
    host: 'help.nordlys-home.example',
    share: 0.1,
    sessionMix: [['assistant', 0.6], ['voice', 0.4]],
    productPrefix: null,
    services: [],
  },
  {
    tenantId: 'a3e5c7b9-2f4d-4b6e-8a1c-5d7f9b1e3c5a',
    siteId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    host: 'boka.klinikenvast.example',
    share: 0.2,
    sessionMix: [['booking', 0.6], ['voice', 0.3], ['assistant', 0.1]],
    productPrefix: null,
    services: ['general_checkup', 'vaccination', 'physiotherapy', 'dental_cleaning'],
  },
  {
    tenantId: 'd2b4f6a8-3c5e-4d7f-b9a1-c3e5a7b9d1f3',
    siteId: '4a6c8e0b-2d4f-4a6c-8e0b-2d4f6a8c0e1b',
    host: 'www.voltcar.example',
    share: 0.25,
    sessionMix: [['commerce', 0.4], ['voice', 0.4], ['booking', 0.2]],
    productPrefix: 'VC',
    services: ['test_drive', 'tyre_change'],
  },
  {
    tenantId: 'd2b4f6a8-3c5e-4d7f-b9a1-c3e5a7b9d1f3',
    siteId: '7e9a1c3e-5b7d-4f9a-a1c3-e5b7d9f1a3c5',
    host: 'support.voltcar.example',
    share: 0.1,
    sessionMix: [['voice', 0.6], ['assistant', 0.4]],
    productPrefix: null,
    services: [],
  },
];

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'NH-1001', name: 'Linen duvet cover', category: 'bedding', price: 79.0 },
  { id: 'NH-1002', name: 'Wool throw blanket', category: 'bedding', price: 59.9 },
  { id: 'NH-1003', name: 'Down pillow', category: 'bedding', price: 39.5 },
  { id: 'NH-2001', name: 'Oak side table', category: 'furniture', price: 189.0 },
  { id: 'NH-2002', name: 'Rattan lounge chair', category: 'furniture', price: 329.0 },
  { id: 'NH-2003', name: 'Floor lamp Aurora', category: 'lighting', price: 119.0 },
  { id: 'NH-2004', name: 'Pendant lamp Fjord', category: 'lighting', price: 149.0 },
  { id: 'NH-3001', name: 'Stoneware mug set', category: 'kitchen', price: 24.9 },
  { id: 'NH-3002', name: 'Cast iron pan', category: 'kitchen', price: 64.0 },
  { id: 'NH-3003', name: 'Chef knife', category: 'kitchen', price: 89.0 },
  { id: 'NH-3004', name: 'Cutting board walnut', category: 'kitchen', price: 34.9 },
  { id: 'NH-4001', name: 'Scented candle Birch', category: 'decor', price: 14.9 },
  { id: 'NH-4002', name: 'Ceramic vase', category: 'decor', price: 29.0 },
  { id: 'VC-5001', name: 'Home charger 11 kW', category: 'charging', price: 699.0 },
  { id: 'VC-5002', name: 'Type 2 cable 7 m', category: 'charging', price: 189.0 },
  { id: 'VC-5003', name: 'Winter tyre set', category: 'tyres', price: 1290.0 },
  { id: 'VC-5004', name: 'Roof box 420 l', category: 'accessories', price: 549.0 },
  { id: 'VC-5005', name: 'All-weather floor mats', category: 'accessories', price: 119.0 },
  { id: 'VC-5006', name: 'Service plan 3 years', category: 'service', price: 899.0 },
];

export interface Tool {
  readonly name: string;
  readonly category: string;
  readonly medianMs: number;
  readonly successRate: number;
}

export const TOOLS: readonly Tool[] = [
  { name: 'navigation.goto', category: 'navigation', medianMs: 140, successRate: 0.98 },
  { name: 'product.search', category: 'catalog', medianMs: 320, successRate: 0.96 },
  { name: 'cart.add', category: 'commerce', medianMs: 210, successRate: 0.95 },
  { name: 'order.status', category: 'commerce', medianMs: 380, successRate: 0.93 },
  { name: 'booking.check_availability', category: 'booking', medianMs: 480, successRate: 0.92 },
  { name: 'kb.lookup', category: 'knowledge', medianMs: 260, successRate: 0.97 },
  { name: 'crm.create_lead', category: 'crm', medianMs: 650, successRate: 0.85 },
];

export const TOOL_ERRORS = ['timeout', 'upstream_5xx', 'validation_failed', 'rate_limited'] as const;

export const VOICE_MODELS = ['gpt-4o-realtime', 'claude-haiku-voice', 'gemini-flash-live'] as const;

export const KB_ARTICLES = Array.from({ length: 60 }, (_, i) => `kb-${String(i + 1).padStart(4, '0')}`);

/** Search phrases; two carry contact details so that redaction on import has something to do. */
export const KB_QUERIES = [
  'return policy',
  'delivery time to Gothenburg',
  'how do I reset my charger',
  'opening hours',
  'cancel my booking',
  'warranty for lamps',
  'does the duvet fit 150x210',
  'change delivery address',
  'invoice copy',
  'winter tyres fitting',
  'price match',
  'gift card balance',
  'call me back on +46 70 123 45 67',
  'please email anna.berg@example.com about my order',
] as const;

export interface Locale {
  readonly tag: string;
  /** Clients in this locale stamp events with local time (+02:00) instead of UTC. */
  readonly localOffset: boolean;
}

export const LOCALES: readonly (readonly [Locale, number])[] = [
  [{ tag: 'sv-SE', localOffset: true }, 0.45],
  [{ tag: 'en-GB', localOffset: false }, 0.15],
  [{ tag: 'en-US', localOffset: false }, 0.1],
  [{ tag: 'de-DE', localOffset: true }, 0.12],
  [{ tag: 'nb-NO', localOffset: true }, 0.1],
  [{ tag: 'fi-FI', localOffset: false }, 0.08],
];

export const ENTRY_REFERRERS: readonly (readonly [string, number])[] = [
  ['https://www.google.com/', 0.45],
  ['', 0.25],
  ['https://www.bing.com/', 0.05],
  ['https://l.facebook.com/', 0.08],
  ['https://newsletter.example/october', 0.1],
  ['https://www.instagram.com/', 0.07],
];

/** Visitor activity by UTC hour (Nordic and central European day, evening peak). */
export const VISITOR_HOURS = [
  0.6, 0.35, 0.2, 0.15, 0.2, 0.5, 1.6, 3.2, 4.5, 5.0, 5.1, 5.2,
  5.4, 5.0, 4.8, 4.9, 5.3, 5.9, 6.8, 7.4, 6.9, 5.0, 2.8, 1.3,
];
