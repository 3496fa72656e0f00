/** Size, modification time and SHA-256 of a source file (streamed, never loaded whole). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserError } from '../../../src-shared/errors';

export interface Fingerprint {
  readonly size: number;
  readonly mtime: string;
  readonly sha256: string;
}

export async function fingerprint(path: string, signal?: AbortSignal): Promise<Fingerprint> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new UserError('unreadable_file', `${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'check that it exists and that you may read it');
  }
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path);
    const onAbort = () => stream.destroy(new UserError('cancelled', 'import cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('end', () => resolve());
    stream.on('error', (e) =>
      reject(e instanceof UserError ? e : new UserError('unreadable_file', `${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? e.message})`, 'check that you may read it')),
    );
    stream.on('close', () => signal?.removeEventListener('abort', onAbort));
  });
  return { size: st.size, mtime: st.mtime.toISOString(), sha256: hash.digest('hex') };
}
