/**
 * The filter inside `rate(…)`, a one-line grammar:
 *
 *   filter := field op value | field ("in" | "not in") "(" value ("," value)* ")"
 *   op     := "=" | "!=" | ">" | ">=" | "<" | "<="
 *   field  := "double quoted" | `backquoted` | bare text up to the operator (trimmed)
 *   value  := 'single quoted' | "double quoted" | bare text (trimmed)
 *
 * Quotes are escaped by doubling them. `in`/`not in` count as operators only when a "(" follows,
 * so a bare field may contain the word "in"; a field holding = < > or ! must be quoted. Values
 * stay text here: the field's type decides how they compare (see filters.ts).
 * Examples: `status = delivered`, `event_name in (signup, 'log in')`, `"a=b" != x`.
 */
import { UserError } from '../../../src-shared/errors';
import type { Filter, FilterOp } from '../../../src-shared/query-spec';

const SYMBOL_OPS = ['!=', '>=', '<=', '=', '>', '<'] as const;

function syntaxError(text: string, detail: string): UserError {
  return new UserError(
    'bad_spec',
    `cannot read the filter in "rate(${text})": ${detail}`,
    'write rate(field op value) with op one of = != > >= < <= in, not in — e.g. rate(status = delivered), rate(event_name in (a, b))',
  );
}

/** A quoted token starting at i: [content, index after the closing quote]. */
function readQuoted(text: string, i: number, source: string): [string, number] {
  const q = text[i]!;
  let out = '';
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === q) {
      if (text[j + 1] === q) {
        out += q;
        j += 2;
        continue;
      }
      return [out, j + 1];
    }
    out += text[j];
    j++;
  }
  throw syntaxError(source, `unclosed ${q}`);
}

/** The operator starting at i, if any. */
function operatorAt(text: string, i: number): { op: FilterOp; length: number } | null {
  for (const op of SYMBOL_OPS) if (text.startsWith(op, i)) return { op, length: op.length };
  if (i > 0 && /\s/.test(text[i - 1]!)) {
    const word = /^(not\s+in|in)\s*\(/i.exec(text.slice(i));
    if (word) return { op: /^not/i.test(word[1]!) ? 'not in' : 'in', length: word[1]!.length };
  }
  return null;
}

function readValue(token: string, source: string): string {
  const t = token.trim();
  if (t === '') throw syntaxError(source, 'a value is missing');
  if (t[0] === "'" || t[0] === '"') {
    const [value, end] = readQuoted(t, 0, source);
    if (t.slice(end).trim() !== '') throw syntaxError(source, `unexpected text after ${t.slice(0, end)}`);
    return value;
  }
  return t;
}

/** Splits "a, 'b, c', d" on the commas outside quotes. */
function splitList(body: string, source: string): string[] {
  const items: string[] = [];
  let current = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === "'" || c === '"') {
      const [, end] = readQuoted(body, i, source);
      current += body.slice(i, end);
      i = end;
    } else if (c === ',') {
      items.push(current);
      current = '';
      i++;
    } else {
      current += c;
      i++;
    }
  }
  items.push(current);
  return items.map((item) => readValue(item, source));
}

export function parseRateFilter(text: string): Filter {
  const source = text;
  const s = text.trim();
  let field: string;
  let rest: string;
  if (s[0] === '"' || s[0] === '`') {
    const [name, end] = readQuoted(s, 0, source);
    field = name;
    rest = s.slice(end).trimStart();
  } else {
    let i = 0;
    while (i < s.length && operatorAt(s, i) === null) i++;
    field = s.slice(0, i).trim();
    rest = s.slice(i);
  }
  if (field === '') throw syntaxError(source, 'the field is missing');
  const found = operatorAt(` ${rest}`, 1);
  if (!found) throw syntaxError(source, 'no operator');
  const valueText = rest.slice(found.length).trim();
  if (found.op === 'in' || found.op === 'not in') {
    if (!valueText.startsWith('(') || !valueText.endsWith(')')) throw syntaxError(source, `"${found.op}" needs a list in parentheses`);
    return { field, op: found.op, value: splitList(valueText.slice(1, -1), source) };
  }
  return { field, op: found.op, value: readValue(valueText, source) };
}
