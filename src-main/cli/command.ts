/** What every command is: a name, its usage, its options (node:util parseArgs) and a run function. */
import type { ParseArgsConfig } from 'node:util';
import { UserError } from '../../src-shared/errors';
import { Workspace } from '../core/workspace';
import type { Io } from './io';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Ctx {
  readonly values: Values;
  readonly positionals: readonly string[];
  readonly io: Io;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage lines after "tallybook NAME". */
  readonly usage: string;
  readonly options: Options;
  run(ctx: Ctx): Promise<number>;
}

/** -w WORKSPACE, and --read-only (a snapshot when another process is writing the file). */
export const WORKSPACE: Options = { workspace: { type: 'string', short: 'w' }, 'read-only': { type: 'boolean' } };
export const DATASET: Options = { dataset: { type: 'string', short: 'd' } };
export const JSON_FLAG: Options = { json: { type: 'boolean' } };

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function required(values: Values, name: string, flag: string): string {
  const v = str(values, name);
  if (v === undefined || v === '') throw new UserError('bad_request', `missing ${flag}`, `see tallybook help`);
  return v;
}

export function positiveInt(values: Values, name: string, flag: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(v)) throw new UserError('bad_request', `${flag} must be a positive whole number, not "${v}"`);
  return Number(v);
}

export function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[]): T | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UserError('bad_request', `--${name} ${v} is not one of ${allowed.join(', ')}`);
  return v as T;
}

/** Opens the workspace named by -w, runs fn, and always closes it. */
export async function withWorkspace<T>(values: Values, fn: (ws: Workspace) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  const ws = await Workspace.open(required(values, 'workspace', '-w WORKSPACE'), { ...opts, readOnly: values['read-only'] === true });
  try {
    return await fn(ws);
  } finally {
    ws.closeSync();
  }
}

/** "30m", "2h", "14d", "1w", "45s" -> seconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(s|m|h|d|w)$/.exec(text.trim());
  if (!m) throw new UserError('bad_request', `${flag} ${text} is not a duration`, 'write it like 30m, 2h, 14d or 1w');
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}
