/**
 * Palette search: every word of the query must match the command's label (exactly, as a
 * prefix, at a word start, as a substring — in that order of strength), or its group or
 * keywords, or at worst the label as a close subsequence. Results are ranked by score; ties
 * keep the command order.
 */
import type { Command } from './commands';

const isWordStart = (text: string, i: number): boolean => i === 0 || /[^a-z0-9]/i.test(text[i - 1]!);

/** How well one lower-case word matches one lower-case text; null when it does not. */
export function scoreWord(word: string, text: string): number | null {
  if (!word) return 0;
  if (text === word) return 1000;
  if (text.startsWith(word)) return 800;
  let at = text.indexOf(word);
  const first = at;
  while (at > 0 && !isWordStart(text, at)) at = text.indexOf(word, at + 1);
  if (at > 0) return 600 - Math.min(at, 100);
  if (first > 0) return 400 - Math.min(first, 100);
  // Subsequence: "jbdsh" finds "Jobs dashboard"; loose spreads are noise, and below keywords.
  let start = -1;
  let pos = -1;
  for (const ch of word) {
    pos = text.indexOf(ch, pos + 1);
    if (pos < 0) return null;
    if (start < 0) start = pos;
  }
  const span = pos - start + 1;
  if (span > word.length * 2) return null;
  return Math.max(1, 90 - (span - word.length) * 5 - Math.min(start, 40));
}

/** The command's score for a query; null when some word matches nothing. */
export function scoreCommand(query: string, command: Command): number | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const label = command.label.toLowerCase();
  const extra = `${command.group} ${command.keywords ?? ''}`.toLowerCase();
  let total = 0;
  for (const word of words) {
    const inLabel = scoreWord(word, label);
    const inExtra = extra.includes(word) ? 100 : null;
    const best = inLabel === null ? inExtra : Math.max(inLabel, inExtra ?? 0);
    if (best === null) return null;
    total += best;
  }
  return total;
}

/** The commands that match, best first; all of them in order for an empty query. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  if (!query.trim()) return [...commands];
  return commands
    .map((command, index) => ({ command, index, score: scoreCommand(query, command) }))
    .filter((r): r is { command: Command; index: number; score: number } => r.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.command);
}
