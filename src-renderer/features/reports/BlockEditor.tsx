/** One block of the report being composed: what it shows, its title or text, and move/remove. */
import type { ReactElement } from 'react';
import type { ReportBlock } from '../../../src-shared/reports';
import type { SavedItem } from '../../../src-shared/saved';
import { viewSummary } from './report-draft';

const KIND: Record<ReportBlock['type'], string> = { text: 'Text', view: 'Saved view', chart: 'Chart', kpi: 'KPI', table: 'Table' };

export interface BlockEditorProps {
  readonly block: ReportBlock;
  readonly index: number;
  readonly count: number;
  readonly views: readonly SavedItem<'view'>[];
  readonly onChange: (block: ReportBlock) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}

function describe(block: ReportBlock, views: readonly SavedItem<'view'>[]): string {
  if (block.type === 'text') return '';
  if (block.type === 'view') {
    const view = views.find((v) => v.id === block.viewId);
    return view ? viewSummary(view) : 'this view was deleted';
  }
  return `${block.spec.measures.join(', ')}${block.spec.dimensions?.length ? ` by ${block.spec.dimensions.join(', ')}` : ''} on ${block.spec.dataset}`;
}

export function BlockEditor({ block, index, count, views, onChange, onMove, onRemove }: BlockEditorProps): ReactElement {
  const label = `${KIND[block.type]} block ${index + 1}`;
  return (
    <li className="rp-block card" aria-label={label}>
      <div className="rp-block-head">
        <span className="badge">{KIND[block.type]}</span>
        {block.type === 'text' ? null : (
          <input
            className="rp-block-title"
            aria-label={`Title of ${label}`}
            placeholder={block.type === 'view' ? 'Title (default: the view name)' : 'Title'}
            value={block.type === 'view' ? (block.title ?? '') : block.title}
            onChange={(e) => onChange(block.type === 'view' ? { ...block, title: e.target.value } : { ...block, title: e.target.value })}
          />
        )}
        <span className="rp-block-actions">
          <button type="button" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${label} up`}>↑</button>
          <button type="button" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${label} down`}>↓</button>
          <button type="button" onClick={onRemove} aria-label={`Remove ${label}`}>✕</button>
        </span>
      </div>
      {block.type === 'text' ? (
        <textarea
          aria-label={`Markdown of ${label}`}
          rows={4}
          value={block.markdown}
          placeholder="## Heading, **bold**, *italic*, `code`, - lists"
          onChange={(e) => onChange({ type: 'text', markdown: e.target.value })}
        />
      ) : (
        <div className={`muted rp-block-desc${block.type === 'view' && !views.some((v) => v.id === block.viewId) ? ' rp-missing' : ''}`}>{describe(block, views)}</div>
      )}
    </li>
  );
}
