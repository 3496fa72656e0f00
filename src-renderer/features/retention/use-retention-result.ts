/** A retention request through the engine, cached by request and dataset version (an import refreshes it). */
import type { RetentionRequest, RetentionResult } from '../../../src-shared/analyses';
import { api } from '../../api/client';
import { useStore } from '../../store/store';
import { keyOf, useEngine, type Loaded } from '../dashboards/useEngine';

export function useRetentionResult(request: RetentionRequest | null): Loaded<RetentionResult> {
  const version = useStore((s) => s.datasets.find((d) => d.name === request?.dataset)?.version ?? 0);
  return useEngine(request ? keyOf('retention', version, request) : null, () => api.retention(request!));
}
