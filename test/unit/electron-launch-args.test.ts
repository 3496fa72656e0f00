import { describe, expect, it } from 'vitest';
import { parseLaunchArgs, secondInstanceRequest } from '../../src-main/electron/launch-args';

describe('launch arguments (first launch and a second instance)', () => {
  it('opens a workspace named on the command line, resolved against the launch folder', () => {
    expect(parseLaunchArgs(['/opt/Tallybook/tallybook', 'shop.tallybook'], '/home/ana/data')).toEqual({ kind: 'workspace', path: '/home/ana/data/shop.tallybook' });
    expect(parseLaunchArgs(['/opt/Tallybook/tallybook', '/srv/old.DUCKDB'], '/home/ana')).toEqual({ kind: 'workspace', path: '/srv/old.DUCKDB' });
  });

  it('sends data files to Import, in order, skipping what is not importable', () => {
    expect(parseLaunchArgs(['tallybook', 'a.csv', 'notes.txt', 'b/events.ndjson.gz', '/x/m.PARQUET', 'j.jsonl', 't.tsv'], '/w')).toEqual({
      kind: 'import',
      paths: ['/w/a.csv', '/w/b/events.ndjson.gz', '/x/m.PARQUET', '/w/j.jsonl', '/w/t.tsv'],
    });
  });

  it('prefers a workspace over data files, and the first workspace named', () => {
    expect(parseLaunchArgs(['tallybook', 'a.csv', 'one.tallybook', 'two.tallybook'], '/w')).toEqual({ kind: 'workspace', path: '/w/one.tallybook' });
  });

  it('skips the executable, the unpackaged app path and every switch (ours or Chromium\'s)', () => {
    const argv = ['/usr/lib/electron/electron', '.', '--no-sandbox', '--allow-file-access-from-files', '--original-process-start-time=1331', '-v', 'jobs.csv'];
    expect(parseLaunchArgs(argv, '/w')).toEqual({ kind: 'import', paths: ['/w/jobs.csv'] });
    expect(parseLaunchArgs(['electron', '/repo/out/main/index.js'], '/repo')).toEqual({ kind: 'none' });
    // The executable itself never counts, whatever its name.
    expect(parseLaunchArgs(['/weird/bin.csv'], '/w')).toEqual({ kind: 'none' });
  });

  it('asks for nothing on a plain launch', () => {
    expect(parseLaunchArgs(['/opt/Tallybook/tallybook'], '/')).toEqual({ kind: 'none' });
    expect(parseLaunchArgs([], '/')).toEqual({ kind: 'none' });
  });
});

describe('a second launch', () => {
  it('uses the argv and folder the second launch sent, else the event\'s own', () => {
    const sent = { argv: ['/opt/Tallybook/tallybook', 'b.csv'], cwd: '/home/ana' };
    expect(secondInstanceRequest(['/opt/Tallybook/tallybook', '--flag', 'x.csv'], '/tmp', sent)).toEqual({ kind: 'import', paths: ['/home/ana/b.csv'] });
    expect(secondInstanceRequest(['/opt/Tallybook/tallybook', 'x.tallybook'], '/tmp', null)).toEqual({ kind: 'workspace', path: '/tmp/x.tallybook' });
    expect(secondInstanceRequest(['tallybook', 'x.csv'], '/tmp', { argv: 'not a list', cwd: '/' })).toEqual({ kind: 'import', paths: ['/tmp/x.csv'] });
    expect(secondInstanceRequest(['tallybook', 'x.csv'], '/tmp', { argv: [1], cwd: '/' })).toEqual({ kind: 'import', paths: ['/tmp/x.csv'] });
  });
});
