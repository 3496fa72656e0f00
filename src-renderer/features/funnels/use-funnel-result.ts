/** A funnel request through the engine, cached by request and dataset version (an import refreshes it). */
import type { FunnelRequest, FunnelStepResult } from '../../../src-shared/analyses';
import { api } from '../../api/client';
import { useStore } from '../../store/store';
import { keyOf, useEngine, type Loaded } from '../dashboards/useEngine';

export function useFunnelResult(request: FunnelRequest | null): Loaded<FunnelStepResult[]> {
  const version = useStore((s) => s.datasets.find((d) => d.name === request?.dataset)?.version ?? 0);
  return useEngine(request ? keyOf('funnel', version, request) : null, () => api.funnel(request!));
}
