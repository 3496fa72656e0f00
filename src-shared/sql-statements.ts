/**
 * Which SQL the SQL console runs: the selection when there is one, otherwise the statement under
 * the cursor (statements split at semicolons outside strings, quoted names and comments).
 */

export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** The statements of sql with their offsets (the semicolon not included). */
export function splitStatements(sql: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const at = sql.indexOf(end, from);
    return at < 0 ? sql.length : at + end.length;
  };
  while (i < sql.length) {
    const c = sql[i];
    const two = sql.slice(i, i + 2);
    if (c === "'" || c === '"') {
      // A doubled quote inside is two adjacent quoted runs: the same split.
      i = skipTo(c, i + 1);
    } else if (two === '--') i = skipTo('\n', i + 2);
    else if (two === '/*') i = skipTo('*/', i + 2);
    else if (two === '$$') i = skipTo('$$', i + 2);
    else if (c === ';') {
      segments.push({ from: start, to: i, text: sql.slice(start, i) });
      start = i + 1;
      i++;
    } else i++;
  }
  segments.push({ from: start, to: sql.length, text: sql.slice(start) });
  return segments;
}

/** True when a segment holds nothing to run (blank or only comments). */
function isBlank(text: string): boolean {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}

/** The SQL to run for a cursor (or a selection from–to) in doc. */
export function sqlToRun(doc: string, from: number, to: number = from): string {
  if (to > from) return doc.slice(from, to).trim();
  const segments = splitStatements(doc);
  const at = segments.findIndex((s) => from >= s.from && from <= s.to);
  const index = at < 0 ? segments.length - 1 : at;
  for (let i = index; i >= 0; i--) {
    const s = segments[i];
    if (s && !isBlank(s.text)) return s.text.trim();
  }
  const next = segments.slice(index + 1).find((s) => !isBlank(s.text));
  return next ? next.text.trim() : '';
}
