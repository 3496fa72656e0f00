/**
 * The lint rules that keep the Electron checklist kept, run through ESLint with the repository's
 * own config on small snippets: each unsafe pattern is reported (with the message that says
 * what to do instead), the safe spelling of the same thing is not, and the two exempt files
 * (external-links.ts for openExternal, preload.ts for the bridge) are exempt only from their rule.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
// Loading the config and linting the shell take a few seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

/** The no-restricted-syntax messages ESLint reports for `code` as the file `path`. */
async function restricted(code: string, path = 'src-main/electron/snippet.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`snippet does not parse: ${fatal[0]?.message}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('lint: unsafe webPreferences and settings', () => {
  it.each([
    ['nodeIntegration: true'],
    ['nodeIntegrationInWorker: true'],
    ['nodeIntegrationInSubFrames: true'],
    ['contextIsolation: false'],
    ['sandbox: false'],
    ["'sandbox': false"],
    ['webSecurity: false'],
    ['allowRunningInsecureContent: true'],
    ['webviewTag: true'],
    ['experimentalFeatures: true'],
    ['enableRemoteModule: true'],
    ['navigateOnDragDrop: true'],
  ])('reports %s wherever it is written', async (setting) => {
    const key = setting.split(':')[0]!.replaceAll("'", '');
    expect(await restricted(`export const prefs = { ${setting} };`)).toEqual([expect.stringContaining(`${key}: `)]);
  });

  it('reports enableBlinkFeatures with any value', async () => {
    expect(await restricted("export const prefs = { enableBlinkFeatures: 'CSSPseudoHas' };")).toEqual([expect.stringMatching(/enableBlinkFeatures/)]);
  });

  it('reports a webPreferences object written by hand, and accepts the one built by web-preferences.ts', async () => {
    expect(await restricted('new BrowserWindow({ webPreferences: { sandbox: true } });')).toEqual([expect.stringMatching(/appWindowPreferences/)]);
    expect(await restricted("new BrowserWindow({ 'webPreferences': {} });")).toHaveLength(1);
    expect(await restricted('new BrowserWindow({ webPreferences: appWindowPreferences(HERE) });')).toEqual([]);
  });

  it('accepts the safe values of the same settings', async () => {
    const safe = 'export const p = { nodeIntegration: false, contextIsolation: true, sandbox: true, webSecurity: true, webviewTag: false, experimentalFeatures: false };';
    expect(await restricted(safe)).toEqual([]);
  });

  it('reports the Chromium switches that turn protections off', async () => {
    for (const flag of ['no-sandbox', 'disable-web-security', 'disable-site-isolation-trials', 'ignore-certificate-errors', 'allow-running-insecure-content']) {
      expect(await restricted(`app.commandLine.appendSwitch('${flag}');`), flag).toHaveLength(1);
    }
    expect(await restricted("app.commandLine.appendSwitch('lang', 'en');")).toEqual([]);
  });
});

describe('lint: webviews, windows, permissions, remote content', () => {
  it('reports <webview>, allowpopups and creating a webview element', async () => {
    expect(await restricted('export const V = () => <webview src="app://tallybook/" allowpopups />;', 'src-renderer/snippet.tsx')).toHaveLength(2);
    expect(await restricted("document.createElement('webview');", 'src-renderer/snippet.ts')).toHaveLength(1);
    expect(await restricted("el.setAttribute('allowpopups', '');", 'src-renderer/snippet.ts')).toHaveLength(1);
  });

  it('reports removing a permission handler, and accepts the deny-all ones', async () => {
    for (const call of ['setPermissionRequestHandler(null)', 'setPermissionCheckHandler(null)', 'setDevicePermissionHandler(undefined)', 'setPermissionRequestHandler()']) {
      expect(await restricted(`session.defaultSession.${call};`), call).toEqual([expect.stringMatching(/deny-all/)]);
    }
    expect(await restricted('ses.setPermissionRequestHandler((_c: unknown, _p: string, cb: (ok: boolean) => void) => cb(false)); ses.setPermissionCheckHandler(() => false);')).toEqual([]);
  });

  it('reports a window-open handler that allows', async () => {
    expect(await restricted("contents.setWindowOpenHandler(() => ({ action: 'allow' }));")).toEqual([expect.stringMatching(/always denies/)]);
    expect(await restricted("contents.setWindowOpenHandler(() => ({ action: 'deny' }));")).toEqual([]);
  });

  it('reports loading remote or file:// pages, and accepts the app entry', async () => {
    for (const load of ["win.loadURL('https://example.com/')", "win.loadURL('HTTP://example.com/')", "win.loadURL('file:///opt/app/index.html')", "win.loadFile('index.html')"]) {
      expect(await restricted(`${load};`), load).toEqual([expect.stringMatching(/only the app/)]);
    }
    expect(await restricted('win.loadURL(APP_ENTRY_URL);')).toEqual([]);
  });
});

describe('lint: the preload bridge', () => {
  const PRELOAD = 'src-main/electron/preload.ts';
  const head = "import { contextBridge, ipcRenderer } from 'electron';\n";

  it.each([
    ['ipcRenderer itself', "contextBridge.exposeInMainWorld('ipc', ipcRenderer);"],
    ['an object holding it', "contextBridge.exposeInMainWorld('api', { ipcRenderer });"],
    ['one of its methods, uncalled', "contextBridge.exposeInMainWorld('api', { send: ipcRenderer.send });"],
    ['a copy of it', 'export const r = ipcRenderer;'],
    ['it passed as an argument', 'keep(ipcRenderer);'],
  ])('reports exposing %s', async (_what, code) => {
    expect(await restricted(head + code, PRELOAD)).toContainEqual(expect.stringMatching(/Never expose, store or pass ipcRenderer/));
  });

  it('reports a bridge that lets the page choose the channel', async () => {
    const generic = "contextBridge.exposeInMainWorld('api', { invoke: (channel: string, ...a: unknown[]) => ipcRenderer.invoke(channel, ...a) });";
    expect(await restricted(head + generic, PRELOAD)).toEqual([expect.stringMatching(/fixed channels/)]);
    expect(await restricted(`${head}ipcRenderer.send('any-channel');`, PRELOAD)).toEqual([expect.stringMatching(/fixed channels/)]);
  });

  it('reports reaching ipcRenderer under another name', async () => {
    expect(await restricted("import { ipcRenderer as r } from 'electron';\nr.send('x');", PRELOAD)).toEqual([expect.stringMatching(/by its own name/)]);
    expect(await restricted("import electron from 'electron';\nelectron.ipcRenderer.send('x');", PRELOAD)).toContainEqual(expect.stringMatching(/by its own name/));
  });

  it('accepts the one bridge: fixed channels, ipcRenderer only called', async () => {
    const bridge = `${head}const bridge = {
  invoke: (method: string, args?: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, { method, args }),
  on: (l: () => void) => { ipcRenderer.on(EVENT_CHANNEL, l); return () => ipcRenderer.removeListener(EVENT_CHANNEL, l); },
};
contextBridge.exposeInMainWorld('tallybook', bridge);`;
    expect(await restricted(bridge, PRELOAD)).toEqual([]);
  });

  it('reports exposing anything to the page outside the preload', async () => {
    for (const path of ['src-main/electron/main.ts', 'src-renderer/snippet.ts']) {
      expect(await restricted("contextBridge.exposeInMainWorld('x', {});", path), path).toEqual([expect.stringMatching(/Only src-main\/electron\/preload.ts/)]);
    }
  });
});

describe('lint: links to the system browser', () => {
  it.each([
    ['a direct call', 'void shell.openExternal(url);'],
    ['a reference', 'export const open = shell.openExternal;'],
    ['a destructured one', 'const { openExternal } = shell;\nvoid openExternal(url);'],
  ])('reports %s of openExternal outside external-links.ts', async (_what, code) => {
    expect(await restricted(code, 'src-main/electron/main.ts')).toEqual([expect.stringMatching(/external-links.ts/)]);
  });

  it('lets external-links.ts call it, and holds that file to every other rule', async () => {
    const path = 'src-main/electron/external-links.ts';
    expect(await restricted('await deps.shell.openExternal(href);', path)).toEqual([]);
    expect(await restricted('export const p = { sandbox: false };', path)).toHaveLength(1);
    expect(await restricted('const r = shell.openExternal;\nexport const p = { sandbox: false };', 'src-main/electron/preload.ts')).toHaveLength(2);
  });
});

describe('lint: the shell as written', () => {
  it('finds nothing to report in src-main/electron', async () => {
    const results = await eslint.lintFiles(['src-main/electron/**/*.ts']);
    expect(results.length).toBeGreaterThan(10);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`))).toEqual([]);
  });
});
