/** Settings: the theme (this browser's) and the open workspace's time zone, week start and currency. */
import type { ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Empty, Loading } from '../../components/States';
import { useStore } from '../../store/store';
import { ThemePicker } from './ThemePicker';
import { WorkspaceSettingsForm } from './WorkspaceSettingsForm';
import './settings.css';

export function SettingsScreen(_props: { params: readonly string[] }): ReactElement {
  const { settings, workspace, state } = useStore(useShallow((s) => ({ settings: s.settings, workspace: s.workspace, state: s.workspaceState })));
  return (
    <div className="settings-screen">
      <h1>Settings</h1>
      <section className="card" aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">Appearance</h2>
        <ThemePicker />
      </section>
      <section className="card" aria-labelledby="workspace-settings-heading">
        <h2 id="workspace-settings-heading">
          Workspace{workspace ? <span className="muted settings-ws"> · {workspace.name}</span> : null}
        </h2>
        {settings && workspace ? (
          <WorkspaceSettingsForm settings={settings} readOnly={workspace.readOnly} />
        ) : state === 'loading' ? (
          <Loading label="Opening the workspace…" />
        ) : (
          <Empty title="No workspace open">
            Open one on <a href="#/home">Home</a> to set its time zone, week start and currency.
          </Empty>
        )}
      </section>
    </div>
  );
}
