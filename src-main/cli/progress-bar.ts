/** A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal. */
import type { ImportProgress } from '../../src-shared/datasets';
import type { Io } from './io';

export function progressBar(io: Io): { update(p: ImportProgress): void; done(): void } {
  let last = '';
  return {
    update(p) {
      if (!io.interactive) return;
      const width = 30;
      const filled = Math.round(p.fraction * width);
      const file = p.file ? ` ${p.file.split(/[\\/]/).pop()}` : '';
      const line = `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(p.fraction * 100)).padStart(3)}% ${p.phase} (${p.filesDone}/${p.filesTotal})${file}`;
      if (line !== last) io.err(line.padEnd(last.length));
      last = line;
    },
    done() {
      if (io.interactive && last) io.err('\r' + ' '.repeat(last.length) + '\r');
    },
  };
}
