/**
 * The screens reachable from the persistent navigation, in order. Each feature owns its folder
 * (features/<id>/); this registry is the only place that lists them.
 */
import type { ComponentType } from 'react';
import { DatasetScreen } from './dataset/DatasetScreen';
import { EventsScreen } from './events/EventsScreen';
import { HomeScreen } from './home/HomeScreen';
import { ImportScreen } from './import/ImportScreen';
import { JobsScreen } from './jobs/JobsScreen';
import { SettingsScreen } from './settings/SettingsScreen';

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
  { id: 'settings', label: 'Settings', key: '6', component: SettingsScreen },
];
