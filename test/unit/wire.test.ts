/**
 * The wire encoding of answers (src-shared/wire.ts): repetitive text columns cross as a
 * dictionary and codes, everything decodes to exactly what the engine gave, and columns it
 * cannot help (numbers, mixed values, unique text, short results) cross as they are.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnarResult } from '../../src-shared/columnar';
import { decodeAnswer, dictionaryOf, encodeAnswer } from '../../src-shared/wire';

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
});
