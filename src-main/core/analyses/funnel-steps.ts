/**
 * Funnel steps and exclusions as the SQL sees them: each is an event name, optionally with
 * property filters (query spec filters, compiled by the query layer with bound values, so a
 * field is a column or an attributes key). `condition` is true on the events it matches.
 */
import { UserError } from '../../../src-shared/errors';
import type { Filter } from '../../../src-shared/query-spec';
import type { FieldResolver } from '../query/fields';
import { filterCondition } from '../query/filters';
import { join, sql, type Fragment } from '../query/fragment';
import { validateFilters } from '../query/validate-spec';

export interface StepMatch {
  readonly event: string;
  readonly filters: readonly Filter[];
  /** Equal for two steps exactly when they match the same events. */
  readonly key: string;
  readonly condition: Fragment;
}

/** Reads one step (or exclusion) and compiles what it matches; 'bad_request' when it is malformed. */
export function readStep(step: unknown, where: string, fields: FieldResolver): StepMatch {
  const hint = 'a step is an event name, or {"event": "commerce.view", "filters": [{"field": "source", "op": "=", "value": "web"}]}';
  let event: unknown = step;
  let filters: Filter[] = [];
  if (typeof step === 'object' && step !== null && !Array.isArray(step)) {
    const o = step as Record<string, unknown>;
    event = o.event;
    if (o.filters !== undefined) filters = validateFilters(o.filters);
  }
  if (typeof event !== 'string' || event.trim() === '') throw new UserError('bad_request', `${where} has no event name`, hint);
  const conditions = [sql`event_name = ${event}`, ...filters.map((f) => filterCondition(f, fields.resolve(f.field)))];
  return { event, filters, key: JSON.stringify([event, filters]), condition: join(conditions, ' AND ') };
}

/** True on events matching any of the steps (FALSE for none). */
export function anyOf(matches: readonly StepMatch[]): Fragment {
  if (matches.length === 0) return sql`FALSE`;
  return join(
    matches.map((m) => sql`(${m.condition})`),
    ' OR ',
  );
}
