import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src-shared/errors';
import {
  APP_ENTRY_URL, CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META,
  appUrlToRelativePath, isAppUrl, isExternalWebUrl, parseInvocation,
} from '../../src-main/electron/security';

const source = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values.join(' ')]));
}

describe('content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('runs only the app\'s own scripts: no inline, no eval, no remote origin', () => {
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('lets no script, connection, frame, worker or form reach a remote origin', () => {
    // A directive left out falls back to default-src.
    for (const name of ['script-src', 'connect-src', 'frame-src', 'child-src', 'worker-src', 'img-src', 'style-src', 'font-src', 'media-src', 'form-action']) {
      const sources = (csp.get(name) ?? csp.get('default-src') ?? '').split(' ');
      for (const source of sources) expect(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:'], `${name} ${source}`).toContain(source);
    }
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.has('frame-src') ? csp.get('frame-src') : csp.get('default-src')).toBe("'self'");
  });

  it('allows inline styles only in style-src (for ECharts), never inline scripts', () => {
    const withInline = [...csp].filter(([, value]) => value.includes("'unsafe-inline'")).map(([name]) => name);
    expect(withInline).toEqual(['style-src']);
  });

  it('gives index.html the header policy minus frame-ancestors, which meta tags cannot carry', () => {
    const meta = directives(CONTENT_SECURITY_POLICY_META);
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.size).toBe(csp.size - 1);
    for (const [name, value] of meta) expect(csp.get(name)).toBe(value);
    const html = source('src-renderer/index.html');
    const tag = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(tag?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('app URLs', () => {
  it('maps app URLs onto files of the built renderer, the bare origin onto index.html', () => {
    expect(appUrlToRelativePath(APP_ENTRY_URL)).toBe('index.html');
    expect(appUrlToRelativePath('app://tallybook/')).toBe('index.html');
    expect(appUrlToRelativePath('app://tallybook')).toBe('index.html');
    expect(appUrlToRelativePath('app://tallybook/assets/index-3f2a.js?v=1#top')).toBe('assets/index-3f2a.js');
    expect(appUrlToRelativePath('app://tallybook/assets/a%20b.css')).toBe('assets/a b.css');
    // Chromium lower-cases the host of a standard scheme; the check does too.
    expect(isAppUrl('app://TallyBook/index.html')).toBe(true);
  });

  it('keeps dot segments the URL parser resolves inside the renderer folder', () => {
    // "/../etc/passwd" and "/%2e%2e/%2e%2e/x" are normalised against the root: ".." at the root stays at the root.
    expect(appUrlToRelativePath('app://tallybook/../etc/passwd')).toBe('etc/passwd');
    expect(appUrlToRelativePath('app://tallybook/%2e%2e/%2e%2e/x')).toBe('x');
  });

  it.each([
    ['a host of ".." (app://../)', 'app://../etc/passwd'],
    ['encoded slashes hiding "..": ..%2f..%2f', 'app://tallybook/..%2f..%2fetc/passwd'],
    ['encoded backslashes: ..%5c..%5c', 'app://tallybook/..%5c..%5cwindows/win.ini'],
    ['raw backslashes', 'app://tallybook/..\\..\\secret'],
    ['an empty segment (//)', 'app://tallybook//etc/passwd'],
    ['a NUL byte', 'app://tallybook/index.html%00.png'],
    ['a drive letter', 'app://tallybook/C:%5cWindows'],
    ['malformed percent-encoding', 'app://tallybook/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://tallybook:8080/index.html'],
    ['credentials', 'app://user:pw@tallybook/index.html'],
    ['file://', 'file:///etc/passwd'],
    ['http://evil', 'http://evil/index.html'],
    ['https with the app host', 'https://tallybook/index.html'],
    ['javascript:', 'javascript:alert(1)'],
    ['not a URL', 'index.html'],
  ])('rejects %s', (_what, url) => {
    expect(appUrlToRelativePath(url)).toBeNull();
    expect(isAppUrl(url)).toBe(false);
  });

  it('offers only plain http(s) links to the system browser', () => {
    expect(isExternalWebUrl('https://example.com/docs?q=1')).toBe(true);
    expect(isExternalWebUrl('http://example.com/')).toBe(true);
    for (const url of ['file:///etc/passwd', APP_ENTRY_URL, 'javascript:alert(1)', 'mailto:a@b.c', 'https://user:pw@example.com/', 'nonsense']) {
      expect(isExternalWebUrl(url)).toBe(false);
    }
  });
});

describe('IPC requests', () => {
  it('accepts an allow-listed method with no arguments or one plain object', () => {
    expect(parseInvocation({ method: 'datasets' })).toEqual({ method: 'datasets', args: undefined });
    expect(parseInvocation({ method: 'sql', args: { sql: 'SELECT 1' } })).toEqual({ method: 'sql', args: { sql: 'SELECT 1' } });
  });

  it.each([
    ['a payload that is not an object', 'datasets'],
    ['a null payload', null],
    ['a method outside the allow-list', { method: 'shutdown' }],
    ['an inherited member of Object', { method: 'constructor' }],
    ['__proto__', { method: '__proto__' }],
    ['a method that is not a string', { method: 7 }],
    ['arguments that are an array', { method: 'sql', args: ['SELECT 1'] }],
    ['arguments that are a string', { method: 'sql', args: 'SELECT 1' }],
  ])('refuses %s as a bad_request', (_what, payload) => {
    expect(() => parseInvocation(payload)).toThrow(UserError);
    try {
      parseInvocation(payload);
    } catch (e) {
      expect((e as UserError).code).toBe('bad_request');
    }
  });
});

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, source(path), ts.ScriptTarget.Latest, true);
}

function findAll(node: ts.Node, match: (n: ts.Node) => boolean, found: ts.Node[] = []): ts.Node[] {
  if (match(node)) found.push(node);
  node.forEachChild((child) => void findAll(child, match, found));
  return found;
}

function propertyName(p: ts.ObjectLiteralElementLike): string {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '?';
}

describe('the Electron shell source', () => {
  it('handles IPC in one place: the checked handler of ipc-invoke.ts on the invoke channel', () => {
    const names = readdirSync(new URL('../../src-main/electron/', import.meta.url)).filter((n) => n.endsWith('.ts')).sort((a, b) => Number(b === 'main.ts') - Number(a === 'main.ts'));
    const files = names.map((name) => parse(`src-main/electron/${name}`));
    const ipcMainUses = files.flatMap((file) =>
      findAll(file, (n) => ts.isPropertyAccessExpression(n) && n.expression.getText(file) === 'ipcMain').map((n) => n.parent.getText(file)),
    );
    expect(ipcMainUses).toEqual(['ipcMain.handle(INVOKE_CHANNEL, invoke)']);
    const main = files[0]!;
    const declaration = findAll(main, (n) => ts.isVariableDeclaration(n) && n.name.getText(main) === 'invoke')[0] as ts.VariableDeclaration | undefined;
    expect(declaration?.initializer?.getText(main)).toMatch(/^createInvokeHandler\(/);
  });

  it('exposes exactly one object, window.tallybook {invoke, on, pathForFile}, and never ipcRenderer itself', () => {
    const file = parse('src-main/electron/preload.ts');
    const exposures = findAll(file, (n) => ts.isCallExpression(n) && n.expression.getText(file) === 'contextBridge.exposeInMainWorld') as ts.CallExpression[];
    expect(exposures).toHaveLength(1);
    const [name, value] = exposures[0]!.arguments;
    expect(name?.getText(file)).toBe("'tallybook'");
    const declaration = findAll(file, (n) => ts.isVariableDeclaration(n) && n.name.getText(file) === value?.getText(file))[0] as ts.VariableDeclaration | undefined;
    const bridge = declaration?.initializer;
    if (!bridge || !ts.isObjectLiteralExpression(bridge)) throw new Error('the exposed bridge is not an object literal');
    expect(bridge.properties.map(propertyName)).toEqual(['invoke', 'on', 'pathForFile']);
    // Every use of ipcRenderer is the import or a call of one of its methods, so it is never passed on.
    const uses = findAll(file, (n) => ts.isIdentifier(n) && n.text === 'ipcRenderer');
    for (const use of uses) {
      const inImport = ts.isImportSpecifier(use.parent);
      const calledMethod = ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use && ts.isCallExpression(use.parent.parent);
      expect(inImport || calledMethod, `ipcRenderer used as a value at ${use.parent.getText(file)}`).toBe(true);
    }
  });
});
