/** Every window's webPreferences come from one module and keep Electron's checklist settings. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PRELOAD_FROM_MAIN, appWindowPreferences, printWindowPreferences } from '../../src-main/electron/web-preferences';

const LOCKED_DOWN = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
};

describe('webPreferences', () => {
  it('gives the app window a sandboxed, isolated, Node-free renderer and the preload built beside the main bundle', () => {
    const prefs = appWindowPreferences('/opt/Tallybook/resources/app.asar/out/main');
    expect(prefs).toMatchObject(LOCKED_DOWN);
    expect(prefs.preload).toBe(resolve('/opt/Tallybook/resources/app.asar/out/preload/index.cjs'));
    expect(PRELOAD_FROM_MAIN).toBe('../preload/index.cjs');
  });

  it('turns on no experimental or Blink feature and no insecure option', () => {
    for (const prefs of [appWindowPreferences('/app/out/main'), printWindowPreferences()]) {
      expect(prefs.enableBlinkFeatures).toBeUndefined();
      expect(prefs.additionalArguments).toBeUndefined();
      expect(Object.keys(prefs).filter((k) => !(k in LOCKED_DOWN)).sort()).toEqual(
        prefs.preload === undefined ? ['javascript', 'spellcheck'] : ['preload', 'spellcheck'],
      );
    }
  });

  it('refuses a relative main bundle folder, so the preload path never depends on the working directory', () => {
    expect(() => appWindowPreferences('out/main')).toThrow(/absolute/);
  });

  it('gives the print window the same settings, no preload and no JavaScript', () => {
    const prefs = printWindowPreferences();
    expect(prefs).toMatchObject({ ...LOCKED_DOWN, javascript: false });
    expect(prefs.preload).toBeUndefined();
  });

  it('hands out a fresh object each time, so no caller can weaken the next window', () => {
    const first = appWindowPreferences('/app/out/main');
    first.sandbox = false;
    expect(appWindowPreferences('/app/out/main').sandbox).toBe(true);
  });

  it('is where every BrowserWindow of the shell gets its webPreferences', () => {
    const dir = new URL('../../src-main/electron/', import.meta.url);
    const windows: string[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const file = ts.createSourceFile(name, readFileSync(new URL(name, dir), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && node.expression.getText(file) === 'BrowserWindow') {
          const options = node.arguments?.[0];
          const prefs = options && ts.isObjectLiteralExpression(options)
            ? options.properties.find((p) => p.name?.getText(file) === 'webPreferences')
            : undefined;
          windows.push(`${name}: ${prefs && ts.isPropertyAssignment(prefs) ? prefs.initializer.getText(file) : 'none'}`);
        }
        node.forEachChild(visit);
      };
      visit(file);
    }
    expect(windows.sort()).toEqual(['dialogs.ts: printWindowPreferences()', 'main.ts: appWindowPreferences(HERE)']);
  });
});
