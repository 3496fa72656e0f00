/**
 * Retention: how many units come back? Cohorts by the period they did the start event (first
 * time or recurring), the % doing the return event in each later period as a shaded table, the
 * average retention curve, and DAU / WAU / MAU with stickiness over the same range. The cohort
 * table can be saved as a view or added to a saved dashboard; `#/retention/<view id>` opens one.
 */
import { useMemo, type ReactElement } from 'react';
import { EChart } from '../../components/EChart';
import { Empty, ErrorState, Loading } from '../../components/States';
import { NoEventsDataset } from '../funnels/NoEventsDataset';
import { AnalysisBar } from '../funnels/AnalysisBar';
import { AnalysisSaveBar } from '../funnels/AnalysisSaveBar';
import { useAnalysisSource } from '../funnels/analysis-source';
import { useEventNames } from '../funnels/use-event-names';
import { useSavedAnalysis } from '../funnels/use-saved-analysis';
import { CohortTable } from './CohortTable';
import { EngagementCharts } from './EngagementCharts';
import { curveView } from './retention-charts';
import { retentionCurve, retentionDraftOf, retentionRequest, unitLabel } from './retention-model';
import { RetentionOptions } from './RetentionOptions';
import { useRetentionStore } from './retention-store';
import { useRetentionResult } from './use-retention-result';
import '../dashboards/dashboards.css';
import '../funnels/funnels.css';
import './retention.css';

export function RetentionScreen({ params }: { params: readonly string[] }): ReactElement {
  const update = useRetentionStore((s) => s.update);
  const saved = useSavedAnalysis(params[0] ?? null, 'retention', (request) => update(retentionDraftOf(request)));
  const source = useAnalysisSource();
  const draft = useRetentionStore((s) => s.draft);
  const { info, window } = source;
  const names = useEventNames(info);
  const request = useMemo(() => (info ? retentionRequest(info.name, draft, window) : null), [info, draft, window]);
  const result = useRetentionResult(request);
  const curve = useMemo(() => (result.status === 'ready' ? curveView(retentionCurve(result.data.cohorts, result.data.periods), result.data.interval) : null), [result]);

  if (!info) return <NoEventsDataset title="Retention" follows="users or sessions over time" />;
  const unit = unitLabel(draft.by);
  let body: ReactElement;
  if (result.status === 'loading') body = <Loading label="Computing cohorts…" />;
  else if (result.status === 'error') body = <ErrorState error={result.error} onRetry={result.retry} />;
  else if (result.data.cohorts.length === 0) body = <Empty title="No cohort in this range">Nobody did the start event here: try another range or start event.</Empty>;
  else
    body = (
      <>
        <section className="card table-panel retention-cohorts" aria-label="Cohort table">
          <div className="table-panel-header">
            <h2>Cohorts</h2>
            <span className="muted">% of each cohort doing the return event in each later {result.data.interval}; period 0 is the cohort itself</span>
          </div>
          <CohortTable result={result.data} unit={unit} />
        </section>
        {curve ? (
          <div className="panel">
            <EChart title="Retention curve (average % per period)" option={curve.option} data={curve.data} height={260} />
            <div className="panel-note muted">Weighted by cohort size, over the cohorts that reached each period.</div>
          </div>
        ) : null}
      </>
    );

  return (
    <div className="dashboard analysis">
      <header className="dashboard-header">
        <h1>Retention{saved.view ? <span className="muted"> · {saved.view.name}</span> : null}</h1>
        <span className="muted">{info.name}</span>
      </header>
      {saved.error ? <ErrorState error={saved.error} /> : null}
      <AnalysisBar source={source}>
        <RetentionOptions draft={draft} names={names.status === 'ready' ? names.data : []} />
      </AnalysisBar>
      {request ? <AnalysisSaveBar screen="retention" body={{ analysis: 'retention', request }} saved={saved} placeholder="e.g. weekly retention" /> : null}
      {body}
      <h2 className="section-title">Engagement</h2>
      <EngagementCharts info={info} window={window} />
    </div>
  );
}
