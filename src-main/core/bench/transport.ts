/**
 * What crosses the door (IPC / HTTP) for the two large answers a screen asks for, in bytes of
 * plain columnar JSON and of what the RPC door sends (dictionary-encoded), in bytes and ms of the
 * IPC crossing (V8's structured clone, which Electron's IPC uses: serialized in the main process,
 * read back and decoded in the renderer) plain and as the IPC door sends it (typed number
 * columns too), and in ms of the engine call: a deep page of the events grid (offset past half
 * the rows, the largest page the grid may ask for) and a week of minute counts (about 10,000
 * points), whole and thinned for a 2,000-pixel-wide chart.
 */
import { deserialize, serialize } from 'node:v8';
import { decodeAnswer, encodeAnswer } from '../../../src-shared/wire';
import { rowsPage, MAX_PAGE } from '../dataset/rows-page';
import { runQuery } from '../query/run-query';
import type { Workspace } from '../workspace';
import { warmMedian } from './timing';

export interface TransportResult {
  name: string;
  rows: number;
  /** The answer as plain columnar JSON. */
  json_bytes: number;
  /** As the RPC door sends it: text columns that repeat dictionary-encoded (src-shared/wire.ts). */
  wire_bytes: number;
  /** Structured-clone bytes of the plain answer, and of the answer as the IPC door sends it. */
  ipc_plain_bytes: number;
  ipc_bytes: number;
  /** Median ms to clone across and (for the encoded answer) decode, plain and as sent. */
  ipc_plain_ms: number;
  ipc_ms: number;
  ms: number;
}

const ms = (x: number) => Number(x.toFixed(1));

/** Bytes and median ms of the IPC crossing of `answer`, plain and as the IPC door sends it. */
async function ipcCrossing(answer: unknown, runs: number) {
  const sent = encodeAnswer(answer, { typedArrays: true });
  const plain = await warmMedian(async () => deserialize(serialize(answer)), runs);
  const encoded = await warmMedian(async () => decodeAnswer(deserialize(serialize(sent))), runs);
  return {
    ipc_plain_bytes: serialize(answer).length,
    ipc_bytes: serialize(sent).length,
    ipc_plain_ms: ms(plain.ms),
    ipc_ms: ms(encoded.ms),
  };
}

const SERIES_POINTS = 2_000;

export async function benchTransport(ws: Workspace, events: number, runs: number): Promise<TransportResult[]> {
  const measure = async (name: string, fn: () => Promise<{ rowCount: number }>): Promise<TransportResult> => {
    const r = await warmMedian(fn, runs);
    const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
    return { name, rows: r.value.rowCount, json_bytes: bytes(r.value), wire_bytes: bytes(encodeAnswer(r.value)), ...(await ipcCrossing(r.value, runs)), ms: ms(r.ms) };
  };
  const week = { dataset: 'events', measures: ['count'], time: { grain: 'minute' as const, from: '2026-09-01T00:00:00Z', to: '2026-09-08T00:00:00Z' } };
  return [
    await measure(`grid page of ${MAX_PAGE.toLocaleString('en-US')} rows at offset ${Math.floor(events / 2).toLocaleString('en-US')}`, () =>
      rowsPage(ws, { dataset: 'events', offset: Math.floor(events / 2), limit: MAX_PAGE }),
    ),
    await measure('minute counts over a week, every point', () => runQuery(ws, week)),
    await measure(`minute counts over a week, maxPoints ${SERIES_POINTS}`, () => runQuery(ws, { ...week, maxPoints: SERIES_POINTS })),
  ];
}
