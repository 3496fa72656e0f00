/**
 * The screens reachable from the persistent navigation, in order. Each feature owns its folder
 * (features/<id>/); this registry is the only place that lists them.
 */
import type { ComponentType } from 'react';
import { DatasetScreen } from './dataset/DatasetScreen';
import { EventsScreen } from './events/EventsScreen';
import { FunnelsScreen } from './funnels/FunnelsScreen';
import { ExploreScreen } from './explore/ExploreScreen';
import { HomeScreen } from './home/HomeScreen';
import { ImportScreen } from './import/ImportScreen';
import { JobsScreen } from './jobs/JobsScreen';
import { ReportsScreen } from './reports/ReportsScreen';
import { RetentionScreen } from './retention/RetentionScreen';
import { DashboardsScreen } from './saved-dashboards/DashboardsScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { SqlScreen } from './sql/SqlScreen';

export interface Screen {
  readonly id: string;
  readonly label: string;
  /** Keyboard shortcut digit shown in the navigation (Alt+N). */
  readonly key: string;
  readonly component: ComponentType<{ params: readonly string[] }>;
}

export const SCREENS: readonly Screen[] = [
  { id: 'home', label: 'Home', key: '1', component: HomeScreen },
  { id: 'import', label: 'Import', key: '2', component: ImportScreen },
  { id: 'dataset', label: 'Datasets', key: '3', component: DatasetScreen },
  { id: 'jobs', label: 'Jobs dashboard', key: '4', component: JobsScreen },
  { id: 'events', label: 'Events dashboard', key: '5', component: EventsScreen },
  { id: 'explore', label: 'Explore', key: '7', component: ExploreScreen },
  { id: 'funnels', label: 'Funnels', key: '8', component: FunnelsScreen },
  { id: 'retention', label: 'Retention', key: '9', component: RetentionScreen },
  { id: 'my-dashboards', label: 'My dashboards', key: '', component: DashboardsScreen },
  { id: 'reports', label: 'Reports', key: '', component: ReportsScreen },
  { id: 'sql', label: 'SQL', key: '0', component: SqlScreen },
  { id: 'settings', label: 'Settings', key: '6', component: SettingsScreen },
];
