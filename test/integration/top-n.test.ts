import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topN } from '../../src-main/core/analyses/top-n';
import { quoteLiteral } from '../../src-main/core/identifiers';
import type { Workspace } from '../../src-main/core/workspace';
import { toRowObjects } from '../../src-shared/columnar';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

/** [action, entity_id, genre or null, day of November 2025] repeated `times`. */
const CRAWLER: readonly (readonly [string, string, string | null, number, number])[] = [
  ['view', 'm1', 'drama', 1, 3],
  ['view', 'm2', 'drama', 1, 2],
  ['view', 'm3', 'comedy', 2, 2],
  ['view', 'm4', 'comedy', 3, 1],
  ['download', 'm2', 'drama', 3, 2],
  ['download', 'm5', null, 4, 1],
];

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  let id = 0;
  const values = CRAWLER.flatMap(([action, entity, genre, day, times]) =>
    Array.from({ length: times }, () => {
      const attrs = genre === null ? 'NULL::JSON' : `${quoteLiteral(JSON.stringify({ 'movie.genre': genre }))}::JSON`;
      return `('e${++id}', 'movie.${action}', TIMESTAMPTZ '2025-11-0${day} 12:00:00+00', '${action}', '${entity}', ${attrs})`;
    }),
  );
  await makeDataset(ws, 'crawler', 'events', `SELECT * FROM (VALUES ${values.join(', ')}) t(event_id, event_name, occurred_at, action, entity_id, attributes)`, 'occurred_at');
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const rows = async (req: Parameters<typeof topN>[1]) => toRowObjects(await topN(ws, req));

describe('top-N', () => {
  it('ranks the top entities per action and folds the rest into "Other"', async () => {
    const result = await topN(ws, { dataset: 'crawler', field: 'entity_id', per: 'action', n: 2 });
    expect(result.columns.map((c) => c.name)).toEqual(['action', 'value', 'count']);
    // view (8 events): m1 3, then m2 2 and m3 2 tie (m2 first by name), m4 1 -> Other = 2 + 1.
    // download (3 events): m2 2, m5 1 -> nothing left for Other.
    expect(toRowObjects(result)).toEqual([
      { action: 'view', value: 'm1', count: 3 },
      { action: 'view', value: 'm2', count: 2 },
      { action: 'view', value: 'Other', count: 3 },
      { action: 'download', value: 'm2', count: 2 },
      { action: 'download', value: 'm5', count: 1 },
    ]);
  });

  it('ranks over the whole dataset without a group', async () => {
    // m2 2+2 = 4, m1 3, m3 2, then m4 1 and m5 1 -> Other 2
    expect(await rows({ dataset: 'crawler', field: 'entity_id', n: 3 })).toEqual([
      { value: 'm2', count: 4 },
      { value: 'm1', count: 3 },
      { value: 'm3', count: 2 },
      { value: 'Other', count: 2 },
    ]);
  });

  it('ranks an attribute key that contains a dot, null being a value of its own', async () => {
    // drama 3+2+2 = 7; comedy 2+1 = 3 and the one event without a genre fold into Other = 4
    expect(await rows({ dataset: 'crawler', field: 'movie.genre', n: 1 })).toEqual([
      { value: 'drama', count: 7 },
      { value: 'Other', count: 4 },
    ]);
    expect(await rows({ dataset: 'crawler', field: 'movie.genre', n: 5 })).toEqual([
      { value: 'drama', count: 7 },
      { value: 'comedy', count: 3 },
      { value: null, count: 1 },
    ]);
  });

  it('counts only events in [from, to)', async () => {
    // days 2 and 3: view m3 2, view m4 1, download m2 2
    expect(await rows({ dataset: 'crawler', field: 'entity_id', n: 1, from: '2025-11-02T00:00:00Z', to: '2025-11-04T00:00:00Z' })).toEqual([
      { value: 'm2', count: 2 },
      { value: 'Other', count: 3 },
    ]);
  });

  it('keeps a real value spelled "Other" apart from the folded rest', async () => {
    await makeDataset(ws, 'jobs_other', 'jobs', `SELECT * FROM (VALUES ('j1', 'Other'), ('j2', 'Other'), ('j3', 'a'), ('j4', 'b')) t(job_id, provider)`, null);
    expect(await rows({ dataset: 'jobs_other', field: 'provider', n: 1 })).toEqual([
      { value: 'Other', count: 2 },
      { value: 'Other', count: 2 },
    ]);
  });

  it('refuses unknown fields, bad n and metrics datasets', async () => {
    await expect(topN(ws, { dataset: 'crawler', field: 'nope' })).rejects.toMatchObject({ code: 'unknown_field' });
    await expect(topN(ws, { dataset: 'crawler', field: 'entity_id', n: 0 })).rejects.toMatchObject({ code: 'bad_request' });
    await makeDataset(ws, 'topn_metrics', 'metrics', `SELECT TIMESTAMPTZ '2025-11-01 00:00:00+00' AS ts, 'a' AS metric, 1.0::DOUBLE AS value`, 'ts');
    await expect(topN(ws, { dataset: 'topn_metrics', field: 'metric' })).rejects.toMatchObject({ code: 'wrong_kind', hint: 'events, jobs or table datasets here: crawler, jobs_other' });
  });
});
