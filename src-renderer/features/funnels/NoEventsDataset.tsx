/** The Funnels and Retention screens before any events dataset exists: say so, offer Import. */
import type { ReactElement } from 'react';
import { Empty } from '../../components/States';
import { useStore } from '../../store/store';

export function NoEventsDataset({ title, follows }: { title: string; follows: string }): ReactElement {
  const navigate = useStore((s) => s.navigate);
  return (
    <div className="dashboard analysis">
      <h1>{title}</h1>
      <Empty title="No events dataset in this workspace">
        {title} follows {follows}. Import an events export first.{' '}
        <button type="button" onClick={() => navigate('import')}>
          Import…
        </button>
      </Empty>
    </div>
  );
}
