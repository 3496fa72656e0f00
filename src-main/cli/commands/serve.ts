/**
 * tallybook serve: the app in a browser. Opens (or creates) the workspace, starts the server on
 * 127.0.0.1 and prints the URL with the session token; runs until Ctrl+C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../../src-shared/errors';
import { createService } from '../../core/service';
import { Workspace } from '../../core/workspace';
import { EventStream } from '../../server/event-stream';
import { startServer } from '../../server/server';
import { WORKSPACE, positiveInt, str, type Command } from '../command';

/** out/renderer, next to this bundle (out/main/cli.js). */
const RENDERER_DIR = fileURLToPath(new URL('../renderer', import.meta.url));

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app and the seed 002 REST API on 127.0.0.1',
  usage: 'serve -w WS [--port N] [--token T]',
  options: { ...WORKSPACE, port: { type: 'string' }, token: { type: 'string' } },
  async run({ values, io }) {
    const path = str(values, 'workspace');
    const port = positiveInt(values, 'port', '--port') ?? 0;
    if (port > 65_535) throw new UserError('bad_request', `--port ${port} is not a port number`, 'use 1024–65535, or leave it out for a free one');
    const token = str(values, 'token') ?? process.env.TALLYBOOK_TOKEN;
    const workDir = mkdtempSync(join(tmpdir(), 'tallybook-serve-'));
    const events = new EventStream();
    const ws = path ? await Workspace.open(resolve(path), { create: true }) : null;
    const service = createService(ws, {
      emit: (event, payload) => events.emit(event, payload),
      recentFile: join(homedir(), '.config', 'tallybook', 'recent-workspaces.json'),
      demoPath: resolve('.tmp', 'demo.tallybook'),
    });
    const server = await startServer(service, events, { port, staticDir: RENDERER_DIR, workDir, ...(token ? { token } : {}) });
    io.out(`Tallybook is serving ${path ?? '(no workspace yet)'} on ${server.url}\n`);
    io.out('Open that URL in a browser (it carries the session token); Ctrl+C stops.\n');
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    service.closeSync();
    rmSync(workDir, { recursive: true, force: true });
    return 0;
  },
};
