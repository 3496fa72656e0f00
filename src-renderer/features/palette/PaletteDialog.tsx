/**
 * The command palette: a search box over every command (commands.ts), ranked by match.ts.
 * ↑/↓ move the highlight, Enter runs it, a click runs a command, Esc closes (Modal).
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { errorText } from '../../api/client';
import type { Command } from './commands';
import { filterCommands } from './match';
import { Modal } from './Modal';
import type { SavedTargets } from './use-saved-targets';

interface PaletteDialogProps {
  readonly commands: readonly Command[];
  readonly saved: SavedTargets;
  readonly onClose: () => void;
}

const optionId = (i: number) => `pal-option-${i}`;

function SavedNote({ saved }: { saved: SavedTargets }): ReactElement | null {
  if (saved.status === 'loading') return <div className="pal-note muted" role="status">Loading saved dashboards and views…</div>;
  if (saved.status === 'error') return <div className="pal-note pal-error" role="status">Saved dashboards and views could not be loaded: {errorText(saved.error).message}</div>;
  return null;
}

export function PaletteDialog({ commands, saved, onClose }: PaletteDialogProps): ReactElement {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const results = useMemo(() => filterCommands(commands, query), [commands, query]);
  const current = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    listRef.current?.querySelector(`#${optionId(current)}`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const run = (command: Command | undefined) => {
    if (!command?.enabled) return;
    onClose();
    command.perform();
  };
  const move = (by: number) => results.length && setActive((current + by + results.length) % results.length);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const steps: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      Enter: () => run(results[current]),
    };
    const step = steps[e.key];
    if (!step) return;
    e.preventDefault();
    step();
  };

  return (
    <Modal label="Command palette" className="pal-palette" onClose={onClose}>
      <input
        data-autofocus
        className="pal-input"
        type="text"
        role="combobox"
        aria-label="Type a command"
        aria-expanded="true"
        aria-controls="pal-listbox"
        aria-autocomplete="list"
        aria-activedescendant={results.length ? optionId(current) : undefined}
        placeholder="Type a command, screen, dataset or dashboard…"
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="pal-listbox" ref={listRef} className="pal-list" role="listbox" aria-label="Commands">
        {results.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            aria-disabled={!c.enabled || undefined}
            className="pal-option"
            onMouseMove={() => i !== current && setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(c)}
          >
            <span className="pal-group">{c.group}</span>
            <span className="pal-label">{c.label}</span>
            {c.hint ? <span className="pal-hint muted">{c.hint}</span> : null}
            {c.keys ? <kbd className="pal-keys">{c.keys}</kbd> : null}
          </li>
        ))}
      </ul>
      {results.length === 0 ? <div className="pal-note muted">No command matches “{query.trim()}”.</div> : null}
      <SavedNote saved={saved} />
    </Modal>
  );
}
