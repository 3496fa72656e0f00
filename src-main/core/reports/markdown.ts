/**
 * A tiny, safe markdown renderer for report text blocks: everything is escaped first, then
 * headings (#–###), paragraphs, **bold**, *italic*, `code`, "-"/"*" and "1." lists. Links are
 * shown as their text only, never as a live link or an address.
 */
import { escapeHtml } from './html-escape';

function inline(text: string): string {
  const codes: string[] = [];
  let s = text.replace(/`([^`]+)`/g, (_, code: string) => `\uE000${codes.push(escapeHtml(code)) - 1}\uE000`);
  s = escapeHtml(s)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/__([^_]+)__/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1<em>$2</em>');
  return s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => `<code>${codes[Number(i)]}</code>`);
}

type Block = { kind: 'p' | 'ul' | 'ol'; lines: string[] } | { kind: 'h'; level: number; text: string };

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let open: Extract<Block, { lines: string[] }> | null = null;
  const push = (kind: 'p' | 'ul' | 'ol', line: string) => {
    if (open?.kind !== kind) {
      open = { kind, lines: [] };
      out.push(open);
    }
    open.lines.push(line);
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (line === '') open = null;
    else if (heading) {
      out.push({ kind: 'h', level: Math.min(heading[1]!.length + 1, 6), text: heading[2]! });
      open = null;
    } else if (bullet) push('ul', bullet[1]!);
    else if (numbered) push('ol', numbered[1]!);
    else push('p', line);
  }
  return out;
}

export function renderMarkdown(markdown: string): string {
  return blocks(markdown)
    .map((b) => {
      if (b.kind === 'h') return `<h${b.level}>${inline(b.text)}</h${b.level}>`;
      if (b.kind === 'p') return `<p>${b.lines.map(inline).join('<br>')}</p>`;
      return `<${b.kind}>${b.lines.map((l) => `<li>${inline(l)}</li>`).join('')}</${b.kind}>`;
    })
    .join('\n');
}
