/**
 * Answers on the wire (the HTTP RPC and Electron IPC; not the REST API, whose shapes scripts
 * read): every ColumnarResult in an answer crosses with its repetitive text columns
 * dictionary-encoded — the distinct values once, then one small integer per row (-1 for null) —
 * and the client decodes it before any screen sees it. A 10,000-row page of events then names
 * each event, tenant and source once instead of on every row.
 */
import type { CellValue } from './columnar';

export interface DictionaryColumn {
  readonly dictionary: readonly string[];
  /** Per row: the value's index in the dictionary, or -1 for null. */
  readonly codes: readonly number[];
}

/** Shorter columns cross as they are: the dictionary would save next to nothing. */
const MIN_ROWS = 64;

/** The column as a dictionary, or null when it holds other than text and nulls or repeats too little. */
export function dictionaryOf(column: readonly CellValue[]): DictionaryColumn | null {
  if (column.length < MIN_ROWS) return null;
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Array<number>(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    if (typeof v !== 'string') return null;
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      if (code >= column.length / 2) return null;
      index.set(v, code);
      dictionary.push(v);
    }
    codes[i] = code;
  }
  return { dictionary, codes };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isColumnar(v: Record<string, unknown>): boolean {
  return Array.isArray(v.columns) && Array.isArray(v.data) && typeof v.rowCount === 'number';
}

const isDictionary = (v: unknown): v is DictionaryColumn =>
  isPlainObject(v) && Array.isArray(v.dictionary) && Array.isArray(v.codes);

/** Walks plain objects and arrays, rewriting each columnar result's data columns with `column`. */
function mapColumns(value: unknown, column: (c: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapColumns(v, column));
  if (!isPlainObject(value)) return value;
  if (isColumnar(value)) return { ...value, data: (value.data as unknown[]).map(column) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapColumns(v, column);
  return out;
}

/** The answer as it crosses the door. */
export function encodeAnswer(value: unknown): unknown {
  return mapColumns(value, (c) => (Array.isArray(c) ? (dictionaryOf(c as CellValue[]) ?? c) : c));
}

function decodeColumn(c: unknown): unknown {
  if (!isDictionary(c)) return c;
  const out = new Array<CellValue>(c.codes.length);
  for (let i = 0; i < c.codes.length; i++) {
    const code = c.codes[i]!;
    out[i] = code < 0 ? null : (c.dictionary[code] ?? null);
  }
  return out;
}

/** The answer as the engine gave it. */
export function decodeAnswer<T>(value: unknown): T {
  return mapColumns(value, decodeColumn) as T;
}
