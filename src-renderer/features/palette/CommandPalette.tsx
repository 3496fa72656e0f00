/**
 * The command palette and the shortcuts overlay, mounted once in App: listens for Ctrl/Cmd+K
 * and "?", builds the commands from the store (commands.ts) and shows whichever is open.
 */
import { useMemo, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';
import { SCREENS } from '../screens';
import { buildCommands, savedRef, type CommandActions } from './commands';
import { HelpOverlay } from './HelpOverlay';
import { platformKeys } from './keys';
import { PaletteDialog } from './PaletteDialog';
import { usePalette } from './palette-store';
import { buildShortcuts } from './shortcuts';
import { usePaletteKeys } from './use-palette-keys';
import { useSavedTargets } from './use-saved-targets';
import './palette.css';

function Palette({ onClose }: { onClose: () => void }): ReactElement {
  const s = useStore(useShallow((st) => ({ datasets: st.datasets, recent: st.recent, workspace: st.workspace, effectiveTheme: st.effectiveTheme })));
  const saved = useSavedTargets(s.workspace?.path ?? null);
  const commands = useMemo(() => {
    const store = useStore.getState();
    const actions: CommandActions = {
      navigate: store.navigate,
      toggleTheme: store.toggleTheme,
      openDemo: store.openDemo,
      openWorkspace: (path) => store.openWorkspace(path),
      showShortcuts: usePalette.getState().openHelp,
    };
    return buildCommands({
      screens: SCREENS,
      datasets: s.datasets,
      saved: saved.status === 'ready' ? saved.items.map(savedRef) : [],
      recent: s.recent,
      workspace: s.workspace,
      effectiveTheme: s.effectiveTheme,
      altLabel: platformKeys().alt,
      actions,
    });
  }, [s.datasets, s.recent, s.workspace, s.effectiveTheme, saved]);
  return <PaletteDialog commands={commands} saved={saved} onClose={onClose} />;
}

export function CommandPalette(): ReactElement | null {
  usePaletteKeys();
  const { open, close } = usePalette(useShallow((p) => ({ open: p.open, close: p.close })));
  const sections = useMemo(() => buildShortcuts(SCREENS, platformKeys()), []);
  if (open === 'palette') return <Palette onClose={close} />;
  if (open === 'help') return <HelpOverlay sections={sections} onClose={close} />;
  return null;
}
