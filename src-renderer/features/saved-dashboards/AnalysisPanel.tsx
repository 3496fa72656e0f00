/**
 * A dashboard panel drawing a saved funnel (the Funnels screen's conversion chart) or retention
 * view (the Retention screen's cohort table), its request run again through the engine.
 */
import type { ReactElement } from 'react';
import type { FunnelViewBody, RetentionViewBody } from '../../../src-shared/saved';
import { Empty, ErrorState, Loading } from '../../components/States';
import { FunnelChart } from '../funnels/FunnelChart';
import { requestStepLabels } from '../funnels/funnel-model';
import { useFunnelResult } from '../funnels/use-funnel-result';
import { CohortTable } from '../retention/CohortTable';
import { unitLabel } from '../retention/retention-model';
import { useRetentionResult } from '../retention/use-retention-result';
import '../funnels/funnels.css';
import '../retention/retention.css';

interface Props<B> {
  readonly title: string;
  readonly body: B;
  readonly height: number;
}

function FunnelPanel({ title, body, height }: Props<FunnelViewBody>): ReactElement {
  const result = useFunnelResult(body.request);
  if (result.status === 'loading') return <div style={{ minHeight: height }}><Loading label="Computing the funnel…" /></div>;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.retry} />;
  if ((result.data[0]?.count ?? 0) === 0) return <Empty title="Nobody did step 1 in this range" />;
  return <FunnelChart title={title} result={result.data} stepLabels={requestStepLabels(body.request)} hasBreakdown={body.request.breakdown !== undefined} height={height} />;
}

function RetentionPanel({ title, body, height }: Props<RetentionViewBody>): ReactElement {
  const result = useRetentionResult(body.request);
  if (result.status === 'loading') return <div style={{ minHeight: height }}><Loading label="Computing cohorts…" /></div>;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.retry} />;
  if (result.data.cohorts.length === 0) return <Empty title="No cohort in this range" />;
  return (
    <div className="sd-analysis" aria-label={title}>
      <h3 className="chart-title">{title}</h3>
      <div style={{ maxHeight: height, overflow: 'auto' }}>
        <CohortTable result={result.data} unit={unitLabel(body.request.by)} />
      </div>
    </div>
  );
}

export function AnalysisPanel(props: Props<FunnelViewBody | RetentionViewBody>): ReactElement {
  const { body } = props;
  return body.analysis === 'funnel' ? <FunnelPanel {...props} body={body} /> : <RetentionPanel {...props} body={body} />;
}
