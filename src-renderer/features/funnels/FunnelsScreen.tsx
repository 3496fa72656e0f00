/**
 * Funnels: where do units drop off between steps? Pick an events dataset and range, the steps
 * (events from the dataset, each with optional property filters), exclusions, window, unit,
 * order mode and breakdown; see conversion per step as a chart and a table, and click a step to
 * list (and export) the units that dropped off before it. Save the funnel as a view, or add it
 * to a saved dashboard; `#/funnels/<view id>` opens a saved funnel.
 */
import { useMemo, type ReactElement } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States';
import { NoEventsDataset } from './NoEventsDataset';
import { AnalysisBar } from './AnalysisBar';
import { AnalysisSaveBar } from './AnalysisSaveBar';
import { useAnalysisSource } from './analysis-source';
import { DropOffPanel } from './DropOffPanel';
import { FunnelOptions } from './FunnelOptions';
import { FunnelResults } from './FunnelResults';
import { funnelRequest, stepLabel } from './funnel-model';
import { useFunnelStore } from './funnel-store';
import { StepList } from './StepList';
import { useEventNames } from './use-event-names';
import { useFunnelResult } from './use-funnel-result';
import { useSavedAnalysis } from './use-saved-analysis';
import '../dashboards/dashboards.css';
import './funnels.css';

const FIELDS_LIST = 'funnel-fields';

export function FunnelsScreen({ params }: { params: readonly string[] }): ReactElement {
  const saved = useSavedAnalysis(params[0] ?? null, 'funnel', useFunnelStore((s) => s.load));
  const source = useAnalysisSource();
  const draft = useFunnelStore((s) => s.draft);
  const dropOff = useFunnelStore((s) => s.dropOff);
  const { info, window } = source;
  const names = useEventNames(info);
  const request = useMemo(() => (info ? funnelRequest(info.name, draft, window) : null), [info, draft, window]);
  const result = useFunnelResult(request);
  const stepLabels = useMemo(() => draft.steps.filter((s) => s.event !== '').map(stepLabel), [draft.steps]);

  if (!info) return <NoEventsDataset title="Funnels" follows="sessions or users through events" />;
  const eventNames = names.status === 'ready' ? names.data : [];
  let body: ReactElement;
  if (names.status === 'error') body = <ErrorState error={names.error} onRetry={names.retry} />;
  else if (!request) body = <Empty title="Pick at least two steps">Choose the events of your funnel in order, e.g. view → cart → checkout.</Empty>;
  else if (result.status === 'loading') body = <Loading label="Computing the funnel…" />;
  else if (result.status === 'error') body = <ErrorState error={result.error} onRetry={result.retry} />;
  else if (result.data.length === 0 || (result.data[0]?.count ?? 0) === 0)
    body = <Empty title="Nobody did step 1 in this range">Try another range, another first step, or fewer filters.</Empty>;
  else body = <FunnelResults result={result.data} stepLabels={stepLabels} hasBreakdown={request.breakdown !== undefined} />;

  return (
    <div className="dashboard analysis">
      <header className="dashboard-header">
        <h1>Funnels{saved.view ? <span className="muted"> · {saved.view.name}</span> : null}</h1>
        <span className="muted">{info.name}</span>
      </header>
      {saved.error ? <ErrorState error={saved.error} /> : null}
      <AnalysisBar source={source}>
        <FunnelOptions draft={draft} info={info} />
      </AnalysisBar>
      <datalist id={FIELDS_LIST}>
        {info.columns.map((c) => (
          <option key={c.name} value={c.name} />
        ))}
      </datalist>
      <section className="card funnel-definition" aria-label="Funnel definition">
        <div>
          <h2>Steps</h2>
          {names.status === 'loading' ? <Loading label="Reading event names…" /> : <StepList list="steps" items={draft.steps} eventNames={eventNames} fieldsListId={FIELDS_LIST} />}
        </div>
        <div>
          <h2>Exclusions</h2>
          <p className="muted">An attempt stops converting when one of these happens after its first step.</p>
          <StepList list="exclusions" items={draft.exclusions} eventNames={eventNames} fieldsListId={FIELDS_LIST} />
        </div>
      </section>
      {request ? <AnalysisSaveBar screen="funnels" body={{ analysis: 'funnel', request }} saved={saved} placeholder="e.g. checkout by source" /> : null}
      {body}
      {request && dropOff ? <DropOffPanel request={request} pick={dropOff} stepLabels={stepLabels} version={info.version} /> : null}
    </div>
  );
}
