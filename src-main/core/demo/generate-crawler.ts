/**
 * Seed 003 (XCrawlerII) ingest events as NDJSON: {event_id, domain "jav", entity_type
 * movie|actor|tag, entity_id, action view|download, occurred_at} over the 60 demo days.
 * Invariants: exactly CRAWLER_EVENTS distinct event ids in time order, plus ~1% exact copies
 * of a recent line (the contract's dedupe must drop them); downloads are of movies only;
 * entity popularity is long-tailed so top-N lists are meaningful.
 */
import { type Random, WeightedPicker, zipfWeights } from './random';
import { HourOfDay, dayStartMs, dayWeights, splitBudget } from './timeline';

export const CRAWLER_EVENTS = 4_000;
const DUPLICATE_RATE = 0.01;

type EntityType = 'movie' | 'actor' | 'tag';

const ENTITY_TYPES = WeightedPicker.of<EntityType>([['movie', 0.7], ['actor', 0.2], ['tag', 0.1]]);

function entities(prefix: string, count: number, digits: number): WeightedPicker<string> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(digits, '0')}`);
  return new WeightedPicker(ids, zipfWeights(count, 1.05));
}

const ENTITIES: Record<EntityType, WeightedPicker<string>> = {
  movie: entities('mv', 400, 5),
  actor: entities('ac', 120, 4),
  tag: entities('tg', 45, 3),
};

/** Browsing peaks late in the evening. */
const BROWSING_HOURS = [2.5, 1.8, 1, 0.6, 0.4, 0.4, 0.6, 1, 1.4, 1.6, 1.8, 2, 2.2, 2.2, 2.2, 2.4, 2.7, 3, 3.5, 4, 4.6, 5, 4.6, 3.6];

/** Laravel's toIso8601String(): "2026-10-14T09:31:07+00:00". */
const laravelTime = (ms: number) => new Date(ms).toISOString().slice(0, 19) + '+00:00';

export function crawlerNdjson(rng: Random): string {
  const weights = dayWeights(rng, { weekday: [0.9, 0.9, 0.95, 1, 1.1, 1.3, 1.35], growth: 0.2, noise: 0.1 });
  const hours = new HourOfDay(BROWSING_HOURS);
  const times: number[] = [];
  splitBudget(CRAWLER_EVENTS, weights).forEach((n, day) => {
    for (let i = 0; i < n; i++) times.push(dayStartMs(day) + hours.sample(rng));
  });
  times.sort((a, b) => a - b);
  const lines: string[] = [];
  for (const t of times) {
    const entityType = ENTITY_TYPES.pick(rng);
    const line = JSON.stringify({
      event_id: rng.uuid(),
      domain: 'jav',
      entity_type: entityType,
      entity_id: ENTITIES[entityType].pick(rng),
      action: entityType === 'movie' && rng.chance(0.15) ? 'download' : 'view',
      occurred_at: laravelTime(t),
    });
    lines.push(line);
    if (rng.chance(DUPLICATE_RATE)) lines.push(lines[Math.max(0, lines.length - 1 - rng.int(0, 30))]!);
  }
  return lines.join('\n') + '\n';
}
