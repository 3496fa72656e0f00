/**
 * Answers on the wire (the HTTP RPC and Electron IPC; not the REST API, whose shapes scripts
 * read): every ColumnarResult in an answer crosses with its repetitive text columns
 * dictionary-encoded — the distinct values once, then one small integer per row (-1 for null) —
 * and the client decodes it before any screen sees it. A 10,000-row page of events then names
 * each event, tenant and source once instead of on every row. Where the door carries typed
 * arrays (IPC's structured clone; JSON does not), number columns cross as one typed array
 * (Int32Array when every value is a 32-bit integer, else Float64Array), with a null mask only
 * when the column holds nulls: one block of bytes the clone copies whole, instead of a value per
 * row it reads one by one (a million numbers cross in about 8 ms instead of 50 to 140 ms).
 */
import type { CellValue } from './columnar';

export interface DictionaryColumn {
  readonly dictionary: readonly string[];
  /** Per row: the value's index in the dictionary, or -1 for null. */
  readonly codes: readonly number[];
}

export interface NumberColumn {
  readonly numbers: Float64Array | Int32Array;
  /** Per row: 1 where the value is null; absent when no value is. */
  readonly nulls?: Uint8Array;
}

export interface WireOptions {
  /** The door carries typed arrays (Electron IPC); false for JSON (the HTTP RPC). */
  readonly typedArrays?: boolean;
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

/** The column as a typed array, or null when it holds other than numbers and nulls or is short. */
export function numbersOf(column: readonly CellValue[]): NumberColumn | null {
  if (column.length < MIN_ROWS) return null;
  let nulls: Uint8Array | undefined;
  let int32 = true;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (typeof v === 'number') int32 &&= (v | 0) === v && !Object.is(v, -0);
    else if (v === null || v === undefined) (nulls ??= new Uint8Array(column.length))[i] = 1;
    else return null;
  }
  const numbers = int32 ? new Int32Array(column.length) : new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) numbers[i] = (column[i] as number | null) ?? 0;
  return nulls ? { numbers, nulls } : { numbers };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isColumnar(v: Record<string, unknown>): boolean {
  return Array.isArray(v.columns) && Array.isArray(v.data) && typeof v.rowCount === 'number';
}

const isDictionary = (v: unknown): v is DictionaryColumn =>
  isPlainObject(v) && Array.isArray(v.dictionary) && Array.isArray(v.codes);

/** isView and the tag, not instanceof: the arrays may come from another realm (the preload's). */
const isNumberArray = (v: unknown): v is Float64Array | Int32Array =>
  ArrayBuffer.isView(v) && ['[object Float64Array]', '[object Int32Array]'].includes(Object.prototype.toString.call(v));

const isNumbers = (v: unknown): v is NumberColumn => isPlainObject(v) && isNumberArray(v.numbers);

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
export function encodeAnswer(value: unknown, opts: WireOptions = {}): unknown {
  const encode = (c: CellValue[]) => dictionaryOf(c) ?? (opts.typedArrays ? numbersOf(c) : null) ?? c;
  return mapColumns(value, (c) => (Array.isArray(c) ? encode(c as CellValue[]) : c));
}

function decodeColumn(c: unknown): unknown {
  if (isNumbers(c)) {
    // An indexed loop into a sized array: Array.from over a typed array is several times slower.
    const out = new Array<CellValue>(c.numbers.length);
    for (let i = 0; i < out.length; i++) out[i] = c.nulls?.[i] ? null : c.numbers[i]!;
    return out;
  }
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
