/**
 * The first and last timestamp of each dataset that has a time column, aggregated by the engine
 * (one min/max query spec per dataset); refetched when a dataset's version changes.
 */
import { useEffect, useState } from 'react';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { api } from '../../api/client';

export interface TimeRangeOf {
  readonly first: string;
  readonly last: string;
}

async function rangeOf(d: DatasetInfo): Promise<TimeRangeOf | null> {
  if (!d.timeColumn || d.rowCount === 0) return null;
  const min = `min(${d.timeColumn})`;
  const max = `max(${d.timeColumn})`;
  const r = await api.query({ dataset: d.name, measures: [min, max] });
  const first = r.data[0]?.[0];
  const last = r.data[1]?.[0];
  return typeof first === 'string' && typeof last === 'string' ? { first, last } : null;
}

export function useTimeRanges(datasets: readonly DatasetInfo[]): ReadonlyMap<string, TimeRangeOf> {
  const [ranges, setRanges] = useState<ReadonlyMap<string, TimeRangeOf>>(new Map());
  const key = datasets.map((d) => `${d.name}@${d.version}`).join('|');
  useEffect(() => {
    let current = true;
    Promise.all(datasets.map(async (d) => [d.name, await rangeOf(d).catch(() => null)] as const)).then((pairs) => {
      if (!current) return;
      const found = new Map<string, TimeRangeOf>();
      for (const [name, range] of pairs) if (range) found.set(name, range);
      setRanges(found);
    });
    return () => {
      current = false;
    };
    // `key` stands for `datasets`: it changes whenever a name or a version does.
  }, [key]);
  return ranges;
}
