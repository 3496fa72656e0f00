/**
 * The app:// handler on a real folder: it serves the renderer's files with the CSP, and nothing
 * else — not a file beside the folder, not one reached by `..` in any spelling, by an absolute
 * path, or by a symlink (leading out of the folder or not).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appFileFor, createAppProtocolHandler } from '../../src-main/electron/app-protocol';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from '../../src-main/electron/security';

const SECRET = 'the secret beside the renderer';
const base = mkdtempSync(join(tmpdir(), 'tallybook-app-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
mkdirSync(join(base, 'outside'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tallybook</title>');
writeFileSync(join(root, 'assets', 'index-3f2a.js'), 'console.log(1);');
writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
writeFileSync(join(root, 'icon.svg'), '<svg/>');
writeFileSync(join(root, 'notes.xyz'), 'raw');
writeFileSync(join(base, 'secret.txt'), SECRET);
writeFileSync(join(base, 'outside', 'secret.txt'), SECRET);
// Symlinks: out of the folder (a file and a folder), and one that stays inside.
symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
symlinkSync(join(base, 'outside'), join(root, 'elsewhere'));
symlinkSync(join(root, 'index.html'), join(root, 'alias.html'));
// The renderer folder itself reached through a link (an install path with a symlink in it).
symlinkSync(root, join(base, 'renderer-link'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const serve = createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('registers app:// as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } });
  });

  it('serves the renderer\'s files with their content type, the CSP and nosniff', async () => {
    const cases: [string, string, string][] = [
      ['app://tallybook/', 'text/html; charset=utf-8', '<!doctype html><title>Tallybook</title>'],
      ['app://tallybook/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Tallybook</title>'],
      ['app://tallybook/assets/index-3f2a.js?v=2#x', 'text/javascript; charset=utf-8', 'console.log(1);'],
      ['app://tallybook/assets/a%20b.css', 'text/css; charset=utf-8', 'body{}'],
      ['app://tallybook/icon.svg', 'image/svg+xml', '<svg/>'],
      ['app://tallybook/notes.xyz', 'application/octet-stream', 'raw'],
    ];
    for (const [url, type, body] of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(type);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(body);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('app://tallybook/assets/index-3f2a.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('console.log(1);'.length));
    expect(await res.text()).toBe('');
  });

  it('serves a renderer folder whose own path runs through a symlink', async () => {
    const res = await createAppProtocolHandler(join(base, 'renderer-link'))(new Request('app://tallybook/index.html'));
    expect(res.status).toBe(200);
  });

  it.each([
    ['`..` resolved by the URL parser onto a missing file at the root', 'app://tallybook/../secret.txt'],
    ['`%2e%2e` likewise', 'app://tallybook/%2e%2e/%2e%2e/secret.txt'],
    ['`..%2f`', 'app://tallybook/..%2fsecret.txt'],
    ['`%2e%2e%2f`', 'app://tallybook/assets/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['`..%5c`', 'app://tallybook/..%5csecret.txt'],
    ['an absolute path (`//`)', `app://tallybook/${base}/secret.txt`],
    ['an encoded absolute path', `app://tallybook/${encodeURIComponent(join(base, 'secret.txt'))}`],
    ['a symlink to a file outside', 'app://tallybook/leak.txt'],
    ['a file inside a symlinked folder outside', 'app://tallybook/elsewhere/secret.txt'],
    ['a symlink that stays inside', 'app://tallybook/alias.html'],
    ['a folder', 'app://tallybook/assets'],
    ['a missing file', 'app://tallybook/missing.js'],
    ['a NUL byte', 'app://tallybook/index.html%00.js'],
    ['another host', 'app://evil/index.html'],
    ['a file URL', `file://${join(base, 'secret.txt')}`],
  ])('refuses %s with a 404 carrying the CSP', async (_what, url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).not.toContain(SECRET);
  });

  it('refuses every method but GET and HEAD with a 405 carrying the CSP', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await get('app://tallybook/index.html', method);
      expect(res.status, method).toBe(405);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('maps a URL to a path only inside the real renderer folder', async () => {
    expect(await appFileFor(root, 'app://tallybook/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
    expect(await appFileFor(root, 'app://tallybook/leak.txt')).toBeNull();
    expect(await appFileFor(root, 'app://tallybook/elsewhere/secret.txt')).toBeNull();
  });
});
