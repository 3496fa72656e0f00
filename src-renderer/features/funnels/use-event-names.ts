/** The event names of a dataset, most frequent first (one aggregate query, not rows). */
import type { DatasetInfo } from '../../../src-shared/datasets';
import { api } from '../../api/client';
import { keyOf, useEngine, type Loaded } from '../dashboards/useEngine';

const MAX_NAMES = 500;

export function useEventNames(info: DatasetInfo | undefined): Loaded<string[]> {
  return useEngine(info ? keyOf('event-names', info.name, info.version) : null, async () => {
    const r = await api.query({ dataset: info!.name, measures: ['count'], dimensions: ['event_name'], order: [{ field: 'count', dir: 'desc' }], limit: MAX_NAMES });
    return (r.data[0] ?? []).filter((v) => v !== null).map(String);
  });
}
