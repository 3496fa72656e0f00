/**
 * "Save view" and "Add to dashboard" for a funnel or a retention table: Explore's SaveBar with the
 * analysis as the body; a newly saved view becomes the screen's route (`#/funnels/<id>`).
 */
import type { ReactElement } from 'react';
import type { AnalysisViewBody } from '../../../src-shared/saved';
import { useStore } from '../../store/store';
import { SaveBar } from '../explore/SaveBar';
import type { SavedAnalysis } from './use-saved-analysis';
import '../explore/explore.css';

export interface AnalysisSaveBarProps {
  readonly screen: 'funnels' | 'retention';
  readonly body: AnalysisViewBody;
  readonly saved: SavedAnalysis;
  readonly placeholder: string;
}

export function AnalysisSaveBar({ screen, body, saved, placeholder }: AnalysisSaveBarProps): ReactElement {
  const navigate = useStore((s) => s.navigate);
  const readOnly = useStore((s) => s.workspace?.readOnly ?? false);
  return (
    <SaveBar
      body={body}
      view={saved.view}
      readOnly={readOnly}
      placeholder={placeholder}
      onSaved={(v) => {
        saved.setView(v);
        if (v.id !== saved.view?.id) navigate(screen, v.id);
      }}
    />
  );
}
