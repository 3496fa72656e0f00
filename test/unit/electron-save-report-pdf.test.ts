/** The desktop's report PDF: the save dialog proposes downloads/<report>.pdf; cancel writes nothing. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSaveReportPdf } from '../../src-main/electron/save-report-pdf';
import type { SaveDialogRequest } from '../../src-main/electron/save-export';

const dir = mkdtempSync(join(tmpdir(), 'tallybook-pdf-test-'));
afterEach(() => rmSync(join(dir, 'out.pdf'), { force: true }));

function make(answer: string | null) {
  const asked: SaveDialogRequest[] = [];
  const printed: string[] = [];
  const save = createSaveReportPdf({
    downloadsDir: '/home/me/Downloads',
    askSavePath: async (req) => (asked.push(req), answer),
    reportHtml: async () => ({ html: '<h1>Weekly</h1>', fileName: 'weekly-2026-11-23.html', manifest: {} as never }),
    printPdf: async (html) => (printed.push(html), new TextEncoder().encode('%PDF-1.7 fake')),
  });
  return { save, asked, printed };
}

describe('saveReportPdf (desktop)', () => {
  it('asks where to save, proposing the report name as .pdf in the downloads folder, then prints there', async () => {
    const { save, asked, printed } = make(join(dir, 'out.pdf'));
    expect(await save({ savedId: 'r1' })).toEqual({ path: join(dir, 'out.pdf') });
    expect(asked).toEqual([{ title: 'Export report as PDF', defaultPath: '/home/me/Downloads/weekly-2026-11-23.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] }]);
    expect(printed).toEqual(['<h1>Weekly</h1>']);
    expect(readFileSync(join(dir, 'out.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('prints nothing and writes nothing when the user cancels', async () => {
    const { save, printed } = make(null);
    expect(await save({ savedId: 'r1' })).toBeNull();
    expect(printed).toEqual([]);
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
  });
});
