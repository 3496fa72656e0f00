/**
 * The keyboard shortcuts the help overlay lists, built from the screens' keys (screens without
 * a key get none) and the platform's modifier names.
 */
import type { CommandScreen } from './commands';

export interface KeyNames {
  /** "Ctrl" or "⌘". */
  readonly mod: string;
  /** "Alt" or "⌥". */
  readonly alt: string;
}

export interface Shortcut {
  /** Keys pressed together, e.g. ["Ctrl", "K"]. */
  readonly keys: readonly string[];
  readonly action: string;
}

export interface ShortcutSection {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

/** Keys in keyboard order: 1 … 9, then 0. */
const digitOrder = (key: string): number => (key === '0' ? 10 : Number(key) || 11);

export function keyNames(mac: boolean): KeyNames {
  return mac ? { mod: '⌘', alt: '⌥' } : { mod: 'Ctrl', alt: 'Alt' };
}

export function buildShortcuts(screens: readonly CommandScreen[], names: KeyNames): ShortcutSection[] {
  return [
    {
      title: 'Everywhere',
      shortcuts: [
        { keys: [names.mod, 'K'], action: 'Open the command palette' },
        { keys: ['?'], action: 'Show these shortcuts (when not typing)' },
        { keys: ['Esc'], action: 'Close the palette or this overlay' },
      ],
    },
    {
      title: 'Screens',
      shortcuts: screens
        .filter((s) => s.key)
        .toSorted((a, b) => digitOrder(a.key) - digitOrder(b.key))
        .map((s) => ({ keys: [names.alt, s.key], action: `Go to ${s.label}` })),
    },
    {
      title: 'Command palette',
      shortcuts: [
        { keys: ['↑ / ↓'], action: 'Move between commands' },
        { keys: ['Enter'], action: 'Run the highlighted command' },
      ],
    },
    {
      title: 'SQL',
      shortcuts: [{ keys: [names.mod, 'Enter'], action: 'Run the statement under the cursor (or the selection)' }],
    },
  ];
}

/** "Ctrl+K" — how a shortcut reads as text. */
export const shortcutText = (s: Shortcut): string => s.keys.join('+');
