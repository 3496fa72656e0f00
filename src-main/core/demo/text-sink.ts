/**
 * A file written chunk by chunk, optionally gzip-compressed, honouring back-pressure: `write`
 * resolves at once unless the stream's buffer is full. Errors of the file or the compressor
 * reject the pending `write` or `close`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface TextSink {
  write(text: string): Promise<void>;
  /** Flushes, closes the file and resolves when it is complete on disk. */
  close(): Promise<void>;
}

export function openTextSink(path: string, gzip: boolean): TextSink {
  const file = createWriteStream(path);
  let head: Writable = file;
  let done: Promise<void>;
  if (gzip) {
    const gz = createGzip();
    head = gz;
    done = pipeline(gz, file);
  } else {
    done = finished(file);
  }
  // Observed here so that a failure before close() is not an unhandled rejection.
  done.catch(() => undefined);
  return {
    async write(text) {
      if (!head.write(text)) await Promise.race([once(head, 'drain'), done]);
    },
    async close() {
      head.end();
      await done;
    },
  };
}
