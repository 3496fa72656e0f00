/**
 * The result of a view's spec through the engine, cached by spec and dataset version (an
 * import refreshes it); and a debounce for specs being edited.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { QuerySpec } from '../../../src-shared/query-spec';
import { api } from '../../api/client';
import { useStore } from '../../store/store';
import { keyOf, useEngine, type Loaded } from '../dashboards/useEngine';

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The spec as it was when it last stopped changing for `ms` (same object while unchanged). */
export function useSettledSpec(spec: QuerySpec, ms: number): QuerySpec {
  const settled = useDebounced(JSON.stringify(spec), ms);
  return useMemo(() => JSON.parse(settled) as QuerySpec, [settled]);
}

export function useViewResult(spec: QuerySpec | null): Loaded<ColumnarResult> {
  const version = useStore((s) => s.datasets.find((d) => d.name === spec?.dataset)?.version ?? 0);
  const workspace = useStore((s) => s.workspace?.path ?? '');
  const key = spec === null ? null : keyOf('view', workspace, version, spec);
  return useEngine(key, () => api.query(spec!));
}
