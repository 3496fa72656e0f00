/** The keyboard shortcuts overlay ("?" or the palette), built from shortcuts.ts. */
import type { ReactElement } from 'react';
import { Modal } from './Modal';
import type { ShortcutSection } from './shortcuts';

interface HelpOverlayProps {
  readonly sections: readonly ShortcutSection[];
  readonly onClose: () => void;
}

export function HelpOverlay({ sections, onClose }: HelpOverlayProps): ReactElement {
  return (
    <Modal label="Keyboard shortcuts" className="pal-help" onClose={onClose}>
      <div className="pal-help-head">
        <h2>Keyboard shortcuts</h2>
        <button type="button" data-autofocus onClick={onClose}>Close</button>
      </div>
      <div className="pal-help-body">
        {sections.filter((s) => s.shortcuts.length > 0).map((section) => (
          <section key={section.title} aria-label={section.title}>
            <h3>{section.title}</h3>
            <dl>
              {section.shortcuts.map((s) => (
                <div key={s.action} className="pal-shortcut">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? '+' : null}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.action}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
