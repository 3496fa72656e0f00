/**
 * Another process writing a workspace: a Node child that opens the DuckDB file, runs one
 * statement (left in its WAL, never checkpointed), says "ready" and holds the file lock until
 * killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const HOLDER = `
import { DuckDBInstance } from '@duckdb/node-api';
const instance = await DuckDBInstance.create(process.argv[1]);
const conn = await instance.connect();
await conn.run(process.argv[2]);
process.stdout.write('ready\\n');
// Referenced from the timer, so the instance (and its file lock) cannot be garbage-collected.
setInterval(() => void [instance, conn], 60_000);
`;

export async function holdWorkspace(path: string, statement: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HOLDER, path, statement], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ready());
    child.once('exit', (code) => fail(new Error(`holder exited with ${code}: ${err}`)));
  });
  return child;
}
