/**
 * Import screen: choose files (paths or uploads), preview the detected kind, mapping and first
 * rows (the mapping is editable), import with progress and cancel, then read the summary and the
 * rejected rows.
 */
import type { ReactElement } from 'react';
import { PreviewPanel } from './PreviewPanel';
import { RunPanel } from './RunPanel';
import { SourceForm } from './SourceForm';
import { useImportFlow } from './use-import-flow';
import './import.css';

export function ImportScreen(_props: { params: readonly string[] }): ReactElement {
  const flow = useImportFlow();
  return (
    <div className="import-screen">
      <h1>Import</h1>
      <SourceForm flow={flow} />
      <RunPanel flow={flow} />
      <PreviewPanel flow={flow} />
    </div>
  );
}
