/**
 * The wire encoding of answers (src-shared/wire.ts): repetitive text columns cross as a
 * dictionary and codes, everything decodes to exactly what the engine gave, and columns it
 * cannot help (numbers, mixed values, unique text, short results) cross as they are. Where the
 * door carries typed arrays (IPC), number columns cross as a Float64Array; structuredClone (the
 * algorithm Electron's IPC uses) stands for the crossing.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ColumnarResult } from '../../src-shared/columnar';
import { decodeAnswer, dictionaryOf, encodeAnswer, numbersOf } from '../../src-shared/wire';

const ROWS = 100;
const names = Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? 'view' : i % 3 === 1 ? 'click' : null));
const ids = Array.from({ length: ROWS }, (_, i) => `e${i}`);
const counts = Array.from({ length: ROWS }, (_, i) => i * 2);
const mixed = Array.from({ length: ROWS }, (_, i) => (i === 5 ? 5 : 'a'));
const page: ColumnarResult & { totalRows: number } = {
  columns: [
    { name: 'event_name', type: 'VARCHAR' },
    { name: 'event_id', type: 'VARCHAR' },
    { name: 'n', type: 'BIGINT' },
    { name: 'mixed', type: 'JSON' },
  ],
  data: [names, ids, counts, mixed],
  rowCount: ROWS,
  totalRows: 12345,
};

describe('answers on the wire', () => {
  it('sends a repeated text column as its distinct values once and a code per row (-1 for null)', () => {
    expect(dictionaryOf(names)).toEqual({
      dictionary: ['view', 'click'],
      codes: Array.from({ length: ROWS }, (_, i) => [0, 1, -1][i % 3]),
    });
  });

  it('leaves numbers, mixed values, mostly unique text and short columns as they are', () => {
    expect(dictionaryOf(counts)).toBeNull();
    expect(dictionaryOf(mixed)).toBeNull();
    expect(dictionaryOf(ids)).toBeNull();
    expect(dictionaryOf(names.slice(0, 10))).toBeNull();
  });

  it('decodes every columnar result in an answer, nested or not, to exactly what was encoded', () => {
    const answer = { page, nested: [{ result: page }], steps: [{ step: 1, count: 3 }], note: 'x' };
    const wire = encodeAnswer(answer) as { page: { data: unknown[]; totalRows: number } };
    expect(wire.page.data[0]).toEqual(dictionaryOf(names));
    expect(wire.page.data.slice(1)).toEqual([ids, counts, mixed]);
    expect(wire.page.totalRows).toBe(12345);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(answer).length);
    expect(decodeAnswer(JSON.parse(JSON.stringify(wire)))).toEqual(answer);
    expect(decodeAnswer(encodeAnswer(null))).toBeNull();
  });

  it('sends a number column as one typed array where the door carries them, with a null mask only when needed', () => {
    expect(numbersOf(counts)).toEqual({ numbers: new Int32Array(counts) });
    const gappy = counts.map((n, i) => (i % 10 === 0 ? null : n));
    const mask = new Uint8Array(ROWS);
    for (let i = 0; i < ROWS; i += 10) mask[i] = 1;
    expect(numbersOf(gappy)).toEqual({ numbers: new Int32Array(counts.map((n, i) => (i % 10 === 0 ? 0 : n))), nulls: mask });
    // Past 32-bit integers (fractions, -0, 2^31) the column goes as Float64Array.
    for (const odd of [0.5, -0, 2 ** 31, -(2 ** 31) - 1]) {
      const column = [...counts.slice(1), odd];
      expect(numbersOf(column)).toEqual({ numbers: new Float64Array(column) });
    }
    expect(numbersOf([...counts.slice(2), 2 ** 31 - 1, -(2 ** 31)])!.numbers).toBeInstanceOf(Int32Array);
    expect(numbersOf(mixed)).toBeNull();
    expect(numbersOf(names)).toBeNull();
    expect(numbersOf(counts.slice(0, 10))).toBeNull();
  });

  it('decodes typed number columns, after a structured clone, to exactly what the engine gave', () => {
    const odd = Array.from({ length: ROWS }, (_, i) => [NaN, -0, Infinity, -Infinity, 2 ** 53, 0.1 + 0.2, null][i % 7]!);
    const answer = { page: { ...page, data: [...page.data, odd], columns: [...page.columns, { name: 'odd', type: 'DOUBLE' }] } };
    const wire = encodeAnswer(answer, { typedArrays: true }) as { page: { data: unknown[] } };
    expect(wire.page.data[2]).toEqual({ numbers: new Int32Array(counts) });
    expect((wire.page.data[4] as { numbers: unknown }).numbers).toBeInstanceOf(Float64Array);
    expect(wire.page.data[0]).toEqual(dictionaryOf(names));
    const back = decodeAnswer<typeof answer>(structuredClone(wire));
    expect(back).toEqual(answer);
    expect(Object.is(back.page.data[4]![1], -0)).toBe(true);
    // JSON cannot carry typed arrays: without the option numbers stay plain.
    expect((encodeAnswer(answer) as { page: { data: unknown[] } }).page.data[2]).toEqual(counts);
  });

  it('decodes typed arrays made in another realm (the preload hands them over from its own)', () => {
    const foreign = runInNewContext('[{ numbers: new Float64Array([1.5, 2, 3]), nulls: new Uint8Array([0, 1, 0]) }, { numbers: new Int32Array([4, 5, 6]) }]') as unknown[];
    const columns = [{ name: 'x', type: 'DOUBLE' }, { name: 'n', type: 'BIGINT' }];
    expect(decodeAnswer({ columns, data: foreign, rowCount: 3 })).toEqual({ columns, data: [[1.5, null, 3], [4, 5, 6]], rowCount: 3 });
  });
});
