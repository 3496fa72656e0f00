/**
 * The guards main.ts puts on every WebContents the app creates (`web-contents-created`), as
 * plain handlers over a structural view of WebContents, so they are tested with a stand-in:
 * - the main frame may navigate only within the app; any other target is cancelled and, when it
 *   is a web link, offered to the system browser (external-links.ts decides);
 * - a subframe may navigate only within the app, and a redirect may not leave it;
 * - no window is ever opened (not even of the app), a web link is offered as above;
 * - <webview> never attaches.
 */
import { isAppUrl } from './security';

/** What the guards read of Electron's navigation events (Event<…EventParams>). */
export interface NavigationEvent {
  readonly url: string;
  readonly isMainFrame?: boolean;
  preventDefault(): void;
}

export interface GuardableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}

/** Offers a link to the system browser (after checks and the user's consent). */
export type OfferLink = (url: string) => unknown;

export function guardContents(contents: GuardableContents, offerLink: OfferLink): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    void offerLink(event.url);
  });
  // will-navigate covers the main frame (and offers the link); this one, every other frame.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame !== true && !isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void offerLink(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
