/** The answer cache: keyed by request, dataset version and settings; an import invalidates exactly its dataset. */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedAnswer } from '../../src-main/core/answer-cache';
import { importFiles } from '../../src-main/core/import/importer';
import { runQuery } from '../../src-main/core/query/run-query';
import type { Workspace } from '../../src-main/core/workspace';
import { tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;
let runs: number;

const line = (id: string, name: string) => JSON.stringify({ event_id: id, event_name: name, occurred_at: '2026-01-01T10:00:00Z' });
const importEvents = async (dataset: string, file: string, ids: string[]) => {
  writeFileSync(t.path(file), ids.map((id) => line(id, 'view')).join('\n'));
  await importFiles(ws, { dataset, paths: [t.path(file)] });
};
const count = (dataset: string) =>
  cachedAnswer(ws, 'query', { dataset }, async () => {
    runs++;
    return runQuery(ws, { dataset, measures: ['count'] });
  });

beforeEach(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  runs = 0;
  await importEvents('a', 'a1.ndjson', ['1', '2']);
  await importEvents('b', 'b1.ndjson', ['1']);
});
afterEach(() => {
  ws.closeSync();
  t.cleanup();
});

describe('the answer cache', () => {
  it('answers a repeated request without running it again, and hands out copies', async () => {
    const first = await count('a');
    (first.data[0] as unknown[])[0] = 999;
    const second = await count('a');
    expect(runs).toBe(1);
    expect(second.data).toEqual([[2]]);
  });

  it('runs again after an import into that dataset, and only that one', async () => {
    await count('a');
    await count('b');
    await importEvents('a', 'a2.ndjson', ['3']);
    expect((await count('a')).data).toEqual([[3]]);
    expect((await count('b')).data).toEqual([[1]]);
    expect(runs).toBe(3);
  });

  it('runs again when a setting the answer depends on changes', async () => {
    await count('a');
    await ws.updateSettings({ timeZone: 'Europe/Berlin' });
    await count('a');
    expect(runs).toBe(2);
  });

  it('shares one run between concurrent identical requests, and never keeps a failure', async () => {
    await Promise.all([count('a'), count('a'), count('a')]);
    expect(runs).toBe(1);
    let fails = 0;
    const failing = () => cachedAnswer(ws, 'query', { dataset: 'a', x: 1 } as { dataset: string }, async () => {
      fails++;
      throw new Error('boom');
    });
    await expect(failing()).rejects.toThrow('boom');
    await expect(failing()).rejects.toThrow('boom');
    expect(fails).toBe(2);
  });
});
