/**
 * The only way a link leaves the app for the system browser (lint forbids `openExternal`
 * anywhere else): the URL must be plain http(s) without credentials (security.ts), the user must
 * agree in a dialog, and one question is asked at a time — a page opening links in a loop gets
 * one dialog, not a storm. Electron's shell and the dialog are injected.
 */
import { isExternalWebUrl } from './security';

export interface ExternalLinkDeps {
  /** Asks the user whether to open `url` in the browser; true when they agree. */
  confirm(url: string): Promise<boolean>;
  /** Electron's shell (or a stand-in in tests). */
  readonly shell: { openExternal(url: string): Promise<void> };
}

/** Resolves true when the link was handed to the system browser. */
export type ExternalLinkOpener = (url: string) => Promise<boolean>;

export function createExternalLinkOpener(deps: ExternalLinkDeps): ExternalLinkOpener {
  let asking = false;
  return async (url) => {
    if (asking || !isExternalWebUrl(url)) return false;
    const href = new URL(url).href;
    asking = true;
    try {
      if (!(await deps.confirm(href))) return false;
    } finally {
      asking = false;
    }
    await deps.shell.openExternal(href);
    return true;
  };
}
