/**
 * Redaction of personal data (seed 004 privacy) as one SQL expression over JSON text, so that it
 * runs inside DuckDB at its speed: e-mail addresses -> [email], IPv4 and IPv6 addresses -> [ip],
 * phone numbers -> [phone], URLs reduced to their path (scheme, host, query string and fragment
 * dropped), and a string that is a path with a query string ("/cart?token=…") loses the query.
 *
 * Invariants:
 * - The result of redactJson is valid JSON whatever the input holds. The text is first
 *   normalised (json(): no insignificant spaces, no raw control characters, \uXXXX only for
 *   control characters). Every escape sequence is then wrapped in \x01 … \x02, control
 *   characters that normalised JSON never holds raw; no rule matches a control character
 *   except by taking a whole wrapped escape, so a rule can neither start inside an escape nor
 *   leave half of one behind; the wraps are undone last. Replacements hold no quote or backslash.
 * - Numbers stay numbers: phone shapes need a leading +, 00 + country code, or separators
 *   (spaces, dashes, dots, parentheses) in a phone's grouping, which no JSON number, ISO 8601
 *   timestamp, epoch value or UUID has. Known over-match: a national shape such as
 *   "05 01 2025 10:30" (a date written with spaces) reads as a phone number.
 * - Rules run in this order: URLs (their hosts and query strings go first), e-mail addresses
 *   (which may hold digits and dots), phone numbers (no phone shape fits an IP address, while
 *   06.12.34.56.78 starts with one), IPs (IPv6 before IPv4, so ::ffff:10.1.2.3 is one address).
 */
import { quoteLiteral } from '../identifiers';

interface Rule {
  /** RE2 pattern over the wrapped text. */
  readonly pattern: string;
  /** RE2 rewrite (\1 is the first group). */
  readonly rewrite: string;
}

/** A wrapped escape sequence: \x01, what followed the backslash, \x02. */
const ESCAPE = String.raw`\x01[^\x02]*\x02`;
/** A wrapped escape that is not white space (\n, \r, \t, \b and \f end a URL as a space does). */
const INLINE_ESCAPE = String.raw`\x01[^\x02nrtbf][^\x02]*\x02`;
/** One character of a URL that stops at white space, quotes and the characters in `stops`. */
const urlChar = (stops: string) => String.raw`(?:[^${stops}"\s\x00-\x1f]|${INLINE_ESCAPE})`;

const URL_RULE: Rule = {
  pattern: String.raw`(?i:https?|wss?|ftp)://${urlChar('/?#')}*/?(${urlChar('?#')}*)(?:[?#]${urlChar('')}*)?`,
  rewrite: String.raw`/\1`,
};

/** A whole JSON string that is a path with a query string or fragment: the query goes, up to the closing quote. */
const PATH_QUERY_RULE: Rule = {
  pattern: String.raw`"(/${urlChar('?#')}*)[?#](?:[^"\x00-\x1f]|${ESCAPE})*"`,
  rewrite: String.raw`"\1"`,
};

const EMAIL_RULE: Rule = {
  pattern: String.raw`[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`,
  rewrite: '[email]',
};

const HEX = '[0-9A-Fa-f]{1,4}';
const OCTET = '(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])';
const IPV4 = String.raw`(?:${OCTET}\.){3}${OCTET}`;
const IPV6 = [
  String.raw`\b(?:${HEX}:){7}${HEX}\b`,
  String.raw`\b(?:${HEX}:){1,6}(?::${HEX}){1,6}\b`,
  String.raw`\b(?:${HEX}:){1,7}:`,
  // Leading "::": the last group starts with a digit (::1, ::ffff:10.1.2.3), so Ruby's Foo::Bad stays.
  String.raw`::(?:${HEX}:){0,5}(?:${IPV4}|[0-9][0-9A-Fa-f]{0,3})\b`,
];

const IP_RULE: Rule = { pattern: [...IPV6, String.raw`\b${IPV4}\b`].join('|'), rewrite: '[ip]' };

const PHONES = [
  // International: + and 7 to 15 digits, each after at most two separators ("+46 (0)70-123 45 67").
  String.raw`\+[0-9](?:[ .()/-]{0,2}[0-9]){6,14}\b`,
  // International with the 00 prefix and a separator other than a dash after the country code
  // (zero-padded ids and UUIDs such as 184da807-0014-4323-9327-… are not phones).
  String.raw`\b00[1-9][0-9]{0,2}[ .()/]{1,2}[0-9](?:[ .()/-]{0,2}[0-9]){5,12}\b`,
  // North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-1234; not 555 123 4567,
  // which three numbers in a row ("120 340 1200 ms") would match as well.
  String.raw`(?:\b1[ .-])?(?:\([0-9]{3}\)[ .-]?[0-9]{3}[ .-]|\b[0-9]{3}-[0-9]{3}-|\b[0-9]{3}\.[0-9]{3}\.)[0-9]{4}\b`,
  // National with a trunk 0: 070-123 45 67, 08-123 456 78, 020 7946 0958, (030) 1234567.
  String.raw`(?:\(0[1-9][0-9]{0,3}\) ?|\b0[1-9][0-9]{0,3}[ /-])[0-9](?: ?[0-9]){6,8}\b`,
  // French dotted: 06.12.34.56.78.
  String.raw`\b0[1-9](?:\.[0-9]{2}){4}\b`,
];

const PHONE_RULE: Rule = { pattern: PHONES.join('|'), rewrite: '[phone]' };

const RULES: readonly Rule[] = [URL_RULE, PATH_QUERY_RULE, EMAIL_RULE, PHONE_RULE, IP_RULE];

const replaceAll = (sql: string, rule: Rule) => `regexp_replace(${sql}, ${quoteLiteral(rule.pattern)}, ${quoteLiteral(rule.rewrite)}, 'g')`;

/** The rules over text whose escape sequences are wrapped first and unwrapped last (see the header). */
function redactWrapped(text: string): string {
  const wrapped = `regexp_replace(${text}, ${quoteLiteral(String.raw`\\(u[0-9A-Fa-f]{4}|(?s:.))`)}, chr(1) || '\\1' || chr(2), 'g')`;
  // An escaped slash is a slash (PHP and others write https:\/\/…).
  const slashes = `replace(${wrapped}, chr(1) || '/' || chr(2), '/')`;
  const redacted = RULES.reduce(replaceAll, slashes);
  return `regexp_replace(${redacted}, ${quoteLiteral(String.raw`\x01([^\x02]*)\x02`)}, '\\\\\\1', 'g')`;
}

/** SQL: the JSON value of `expr` (JSON or VARCHAR holding JSON) with personal data replaced; still JSON. */
export function redactJson(expr: string): string {
  return `(${redactWrapped(`json(${expr})::VARCHAR`)})::JSON`;
}

/**
 * SQL: a rejected row's raw text (VARCHAR) with personal data replaced. Text that parses as JSON
 * is redacted as JSON (and stays JSON); other text gets the same rules, its own \x01 and \x02
 * shown as U+FFFD first so that they cannot pose as wraps.
 */
export function redactRawText(expr: string): string {
  const text = `CASE WHEN json_valid(${expr}) THEN json(${expr})::VARCHAR ELSE translate(${expr}, chr(1) || chr(2), '\uFFFD\uFFFD') END`;
  return redactWrapped(text);
}
