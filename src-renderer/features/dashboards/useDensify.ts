/** The densify function (buckets.ts) for a dashboard's window, grain and the workspace's time settings. */
import { useCallback } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { useStore } from '../../store/store';
import { densify } from './buckets';
import type { DashboardContext } from './useDashboard';

export function useDensify(ctx: DashboardContext): (r: ColumnarResult) => ColumnarResult {
  const timeZone = useStore((s) => s.settings?.timeZone ?? 'UTC');
  const weekStart = useStore((s) => s.settings?.weekStart ?? 'monday');
  const { window, extent, grain } = ctx;
  return useCallback((r: ColumnarResult) => densify(r, { window, extent, grain, timeZone, weekStart }), [window, extent, grain, timeZone, weekStart]);
}
