/** The open workspace's settings: time zone, week start and currency, saved as soon as one changes. */
import type { ReactElement } from 'react';
import type { WorkspaceSettings } from '../../../src-shared/datasets';
import { ErrorState } from '../../components/States';
import { currencies, currencyLabel, timeZones } from './options';
import { useSaveSettings } from './use-save-feedback';

export function WorkspaceSettingsForm({ settings, readOnly }: { settings: WorkspaceSettings; readOnly: boolean }): ReactElement {
  const { status, save } = useSaveSettings();
  const money = currencies(settings.currency);
  return (
    <div className="settings-form">
      <label className="settings-field">
        <span>Time zone</span>
        <select value={settings.timeZone} disabled={readOnly} onChange={(e) => save({ timeZone: e.target.value })}>
          {timeZones(settings.timeZone).map((z) => (
            <option key={z} value={z}>{z}</option>
          ))}
        </select>
        <small className="muted">Days, weeks and months are bucketed in this zone.</small>
      </label>
      <label className="settings-field">
        <span>Week starts on</span>
        <select value={settings.weekStart} disabled={readOnly} onChange={(e) => save({ weekStart: e.target.value as WorkspaceSettings['weekStart'] })}>
          <option value="monday">Monday</option>
          <option value="sunday">Sunday</option>
        </select>
      </label>
      <label className="settings-field">
        <span>Currency</span>
        <select value={settings.currency} disabled={readOnly} onChange={(e) => save({ currency: e.target.value })}>
          <optgroup label="Common">
            {money.common.map((c) => (
              <option key={c} value={c}>{currencyLabel(c)}</option>
            ))}
          </optgroup>
          {money.other.length ? (
            <optgroup label="All currencies">
              {money.other.map((c) => (
                <option key={c} value={c}>{currencyLabel(c)}</option>
              ))}
            </optgroup>
          ) : null}
        </select>
        <small className="muted">Costs are shown in this currency.</small>
      </label>
      <div className="settings-status" role="status" aria-live="polite">
        {status.state === 'saving' ? <span className="muted">Saving…</span> : null}
        {status.state === 'saved' ? <span className="settings-saved">✓ Saved</span> : null}
        {readOnly ? <span className="muted">This workspace is read-only.</span> : null}
      </div>
      {status.state === 'error' ? <ErrorState error={status.error} /> : null}
    </div>
  );
}
