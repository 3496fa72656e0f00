/**
 * The screens reachable from the persistent navigation, in order. Each feature owns its folder
 * (features/<id>/); this registry is the only place that lists them.
 */
import type { ComponentType } from 'react';
import { Empty } from '../components/States';

export interface Screen {
  readonly id: string;
  readonly label: string;
  /** Keyboard shortcut digit shown in the navigation (Alt+N). */
  readonly key: string;
  readonly component: ComponentType<{ params: readonly string[] }>;
}

function Coming({ title }: { title: string }) {
  return <Empty title={title}>This screen is being built.</Empty>;
}

const placeholder = (title: string) =>
  function Placeholder() {
    return <Coming title={title} />;
  };

export const SCREENS: readonly Screen[] = [
  { id: 'home', label: 'Home', key: '1', component: placeholder('Home') },
  { id: 'import', label: 'Import', key: '2', component: placeholder('Import') },
  { id: 'dataset', label: 'Datasets', key: '3', component: placeholder('Datasets') },
  { id: 'jobs', label: 'Jobs dashboard', key: '4', component: placeholder('Jobs dashboard') },
  { id: 'events', label: 'Events dashboard', key: '5', component: placeholder('Events dashboard') },
  { id: 'settings', label: 'Settings', key: '6', component: placeholder('Settings') },
];
