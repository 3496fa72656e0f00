/**
 * Schema-first validation (seed 004): JSON Schemas of events' `attributes`, one file per event
 * name (`<event_name>.json` or `<event_name>.schema.json`) in a folder — the import's `schemas`
 * folder, else `<workspace>.schemas/` beside the workspace when it exists. Each schema compiles
 * to one SQL expression giving the first violation as a reject reason that carries its schema
 * path (`schema commerce.checkout: /attributes/amount minimum 0`), or NULL: rows are checked by
 * DuckDB with the rest of the canonical row, never one by one in JS.
 *
 * The subset checked: type (string, number, integer, boolean, object, array, null, or a list),
 * required, properties, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
 * minLength, maxLength, pattern (RE2: as JavaScript's, without look-arounds and back-references),
 * additionalProperties: false. A schema using any other keyword is refused with its name, so a
 * rule is never skipped silently. Annotations ($schema, $id, title, description, …) are fine.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserError } from '../../../src-shared/errors';
import { quoteLiteral } from '../identifiers';
import { jsonPointer } from '../query/fields';

export interface EventSchema {
  readonly eventName: string;
  readonly file: string;
  readonly schema: JsonSchema;
}

interface JsonSchema {
  readonly [keyword: string]: unknown;
}

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
const CHECKED = new Set([
  'type', 'required', 'properties', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'additionalProperties',
]);
const JSON_TYPES: Record<string, readonly string[]> = {
  string: ['VARCHAR'],
  number: ['BIGINT', 'UBIGINT', 'DOUBLE'],
  integer: ['BIGINT', 'UBIGINT'],
  boolean: ['BOOLEAN'],
  object: ['OBJECT'],
  array: ['ARRAY'],
  null: ['NULL'],
};

/** The schemas folder of an import: the one asked for, else the workspace's own, else none. */
export function schemasFolder(asked: string | undefined, workspacePath: string): string | null {
  if (asked !== undefined) {
    if (!existsSync(asked) || !statSync(asked).isDirectory()) {
      throw new UserError('unreadable_file', `schemas folder ${asked} does not exist`, 'give a folder of <event_name>.json JSON Schemas');
    }
    return asked;
  }
  const own = `${workspacePath}.schemas`;
  return existsSync(own) && statSync(own).isDirectory() ? own : null;
}

/** Every schema of the folder, checked for keywords Tallybook does not know how to check. */
export function readSchemas(folder: string): EventSchema[] {
  const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => {
    const file = join(folder, f);
    let schema: unknown;
    try {
      schema = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UserError('bad_format', `schema ${f} is not valid JSON (${(e as Error).message})`, `fix or remove it; full path: ${file}`);
    }
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      throw new UserError('bad_format', `schema ${f} is not a JSON Schema object`, `fix or remove it; full path: ${file}`);
    }
    checkKeywords(schema as JsonSchema, f, '');
    return { eventName: basename(f, '.json').replace(/\.schema$/, ''), file, schema: schema as JsonSchema };
  });
}

function checkKeywords(schema: JsonSchema, file: string, at: string): void {
  for (const k of Object.keys(schema)) {
    if (!CHECKED.has(k) && !ANNOTATIONS.has(k)) {
      throw new UserError(
        'bad_format',
        `schema ${file} uses "${k}"${at ? ` at ${at}` : ''}, which Tallybook does not check`,
        `remove it or rewrite the rule with: ${[...CHECKED].join(', ')}`,
      );
    }
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const t of types) if (typeof t !== 'string' || !JSON_TYPES[t]) throw new UserError('bad_format', `schema ${file}: unknown type ${JSON.stringify(t)}${at ? ` at ${at}` : ''}`, `types: ${Object.keys(JSON_TYPES).join(', ')}`);
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false && schema.additionalProperties !== true) {
    throw new UserError('bad_format', `schema ${file}: additionalProperties must be true or false${at ? ` at ${at}` : ''}`, 'nested schemas for extra properties are not checked');
  }
  const props = schema.properties;
  if (props !== undefined) {
    if (props === null || typeof props !== 'object') throw new UserError('bad_format', `schema ${file}: properties must be an object`, 'map each key to its schema');
    for (const [k, sub] of Object.entries(props as Record<string, unknown>)) {
      if (sub === null || typeof sub !== 'object' || Array.isArray(sub)) throw new UserError('bad_format', `schema ${file}: the schema of "${k}" must be an object`, 'e.g. {"type": "string"}');
      checkKeywords(sub as JsonSchema, file, `${at}/${k}`);
    }
  }
}

/** SQL text of a string (a literal: schemas are the user's files, never SQL). */
const lit = (s: string) => quoteLiteral(s);

/** The violations of one (sub)schema at a JSON pointer of `doc`, in order, each as WHEN … THEN reason. */
function violations(schema: JsonSchema, doc: string, pointer: string, label: string): string[] {
  const at = pointer === '' ? lit('$') : lit(pointer);
  const type = `json_type(${doc}, ${at})`;
  const where = `/attributes${pointer}`;
  const reason = (what: string) => lit(`${label}: ${where}${what ? ` ${what}` : ''}`);
  const out: string[] = [];
  const types = schema.type === undefined ? [] : ((Array.isArray(schema.type) ? schema.type : [schema.type]) as string[]);
  if (types.length) {
    const allowed = [...new Set(types.flatMap((t) => JSON_TYPES[t]!))].map(lit).join(', ');
    out.push(`WHEN ${type} IS NOT NULL AND ${type} NOT IN (${allowed}) THEN ${reason(`must be ${types.join(' or ')}`)}`);
  }
  const text = `CAST(json_extract(${doc}, ${at}) AS VARCHAR)`;
  if (Array.isArray(schema.enum)) out.push(`WHEN ${type} IS NOT NULL AND ${text} NOT IN (${schema.enum.map((v) => lit(JSON.stringify(v))).join(', ') || 'NULL'}) THEN ${reason('is not one of the allowed values')}`);
  if (schema.const !== undefined) out.push(`WHEN ${type} IS NOT NULL AND ${text} <> ${lit(JSON.stringify(schema.const))} THEN ${reason('is not the allowed value')}`);
  const number = `(CASE WHEN ${type} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(json_extract_string(${doc}, ${at}) AS DOUBLE) END)`;
  const bounds: [string, string, string][] = [['minimum', '<', 'minimum'], ['maximum', '>', 'maximum'], ['exclusiveMinimum', '<=', 'exclusiveMinimum'], ['exclusiveMaximum', '>=', 'exclusiveMaximum']];
  for (const [k, op, word] of bounds) {
    const v = schema[k];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(`WHEN ${number} ${op} ${v} THEN ${reason(`${word} ${v}`)}`);
  }
  const str = `(CASE WHEN ${type} = 'VARCHAR' THEN json_extract_string(${doc}, ${at}) END)`;
  if (typeof schema.minLength === 'number') out.push(`WHEN length(${str}) < ${Math.floor(schema.minLength)} THEN ${reason(`minLength ${schema.minLength}`)}`);
  if (typeof schema.maxLength === 'number') out.push(`WHEN length(${str}) > ${Math.floor(schema.maxLength)} THEN ${reason(`maxLength ${schema.maxLength}`)}`);
  if (typeof schema.pattern === 'string') out.push(`WHEN NOT regexp_matches(${str}, ${lit(schema.pattern)}) THEN ${reason(`pattern ${schema.pattern}`)}`);
  if (Array.isArray(schema.required)) {
    for (const k of schema.required) {
      if (typeof k === 'string') out.push(`WHEN ${type} = 'OBJECT' AND json_type(${doc}, ${lit(`${pointer}${jsonPointer(k)}`)}) IS NULL THEN ${lit(`${label}: ${where}${jsonPointer(k)} is required`)}`);
    }
  }
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  if (schema.additionalProperties === false) {
    const known = Object.keys(props).map(lit).join(', ');
    const extra = `list_filter(json_keys(${doc}, ${at}), k -> k NOT IN (${known || 'NULL'}))`;
    out.push(`WHEN ${type} = 'OBJECT' AND len(${extra}) > 0 THEN ${reason('has properties the schema does not allow')}`);
  }
  for (const [k, sub] of Object.entries(props)) out.push(...violations(sub, doc, `${pointer}${jsonPointer(k)}`, label));
  return out;
}

/**
 * A reject reason (VARCHAR) per row from the schemas of its event name, or NULL: `eventName` and
 * `attributes` are SQL expressions of the canonical row. Null when there are no schemas.
 */
export function schemaReasonSql(schemas: readonly EventSchema[], eventName: string, attributes: string): string | null {
  if (schemas.length === 0) return null;
  const branches = schemas.map((s) => {
    const rules = violations(s.schema, attributes, '', `schema ${s.eventName}`);
    return rules.length ? `WHEN ${eventName} = ${lit(s.eventName)} THEN (CASE ${rules.join(' ')} END)` : '';
  });
  const used = branches.filter(Boolean);
  return used.length ? `(CASE ${used.join(' ')} END)` : null;
}
