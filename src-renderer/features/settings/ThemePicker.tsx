/** Light, dark or follow the system: the user's choice, kept in this browser (no workspace needed). */
import type { ReactElement } from 'react';
import { useStore } from '../../store/store';
import type { ThemeChoice } from '../../store/theme-slice';

const CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

export function ThemePicker(): ReactElement {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  return (
    <fieldset className="settings-theme">
      <legend>Theme</legend>
      <div className="segmented" role="radiogroup" aria-label="Theme">
        {CHOICES.map((c) => (
          <label key={c.value} className={theme === c.value ? 'is-selected' : undefined}>
            <input type="radio" name="theme" value={c.value} checked={theme === c.value} onChange={() => setTheme(c.value)} />
            {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
