/** DAU / WAU / MAU and stickiness (DAU / MAU) per day over the chosen range (api.engagement; counts users). */
import type { ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { api } from '../../api/client';
import { numbers } from '../dashboards/columnar';
import type { Window } from '../dashboards/filter-model';
import { ChartPanel } from '../dashboards/Panel';
import { keyOf, useEngine } from '../dashboards/useEngine';
import { activeUsersView, stickinessView } from './retention-charts';

const hasUsers = (r: ColumnarResult) => numbers(r, 'mau').some((v) => (v ?? 0) > 0);

export function EngagementCharts({ info, window }: { info: DatasetInfo; window: Window }): ReactElement {
  const state = useEngine(keyOf('engagement', info.name, info.version, window), () => api.engagement({ dataset: info.name, ...window }));
  return (
    <div className="panel-grid">
      <ChartPanel title="DAU / WAU / MAU" state={state} view={(r) => ({ ...activeUsersView(r), empty: !hasUsers(r) })} emptyText="No users in this range" emptyDetail="Engagement counts events with a user_id." />
      <ChartPanel title="Stickiness (DAU / MAU)" state={state} view={(r) => ({ ...stickinessView(r), empty: !hasUsers(r) })} emptyText="No users in this range" />
    </div>
  );
}
