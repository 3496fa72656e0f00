/** Runs the tallybook command in this process, capturing what it writes. */
import { main } from '../../src-main/cli/main';
import type { Io } from '../../src-main/cli/io';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), interactive: false };
  const code = await main(args, io);
  return { code, out, err };
}
