/** Runs a query spec for a panel, cached by the spec and the dataset version (useEngine). */
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { QuerySpec } from '../../../src-shared/query-spec';
import { api } from '../../api/client';
import type { DashboardContext } from './useDashboard';
import { keyOf, useEngine, type Loaded } from './useEngine';

export function useSpec(ctx: DashboardContext, spec: QuerySpec | null): Loaded<ColumnarResult> {
  return useEngine(spec ? keyOf('spec', ctx.info.version, spec) : null, () => api.query(spec!));
}

/** The bar's time window with a grain, for time charts. */
export function timeWithGrain(ctx: DashboardContext): QuerySpec['time'] {
  return { ...ctx.base.time, grain: ctx.grain };
}

/** `compare: "previous_period"` when the bar asks for it and the window has a previous period. */
export const compareOf = (ctx: DashboardContext): Pick<QuerySpec, 'compare'> => (ctx.compare ? { compare: 'previous_period' } : {});
