/**
 * `tallybook check`: the seed 003 rollups (rollups.ts) and the hourly cubes (cubes/verify.ts)
 * of every events dataset (or of one), each recomputed from the raw rows. Stale cubes are
 * listed but do not fail the check: queries read the raw rows until the next import rebuilds them.
 */
import type { CheckResult } from '../../../src-shared/analyses';
import type { Workspace } from '../workspace';
import { verifyCubes } from '../cubes/verify';
import { checkParity } from './rollups';

export async function checkWorkspace(ws: Workspace, dataset?: string): Promise<CheckResult> {
  const parity = await checkParity(ws, dataset);
  const cubes = [];
  for (const d of parity.datasets) cubes.push(...(await verifyCubes(ws.db, d.dataset, (await ws.dataset(d.dataset)).version)));
  return { ...parity, ok: parity.ok && cubes.every((c) => c.mismatches === 0), cubes };
}
