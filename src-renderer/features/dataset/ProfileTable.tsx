/** The per-column profile of a dataset: type, null %, distinct, min, max and a tiny histogram. */
import type { ReactElement } from 'react';
import type { DatasetProfile } from '../../../src-shared/datasets';
import { extremeText, percentText } from './format';
import { MiniHistogram } from './MiniHistogram';

export function ProfileTable({ profile }: { profile: DatasetProfile }): ReactElement {
  return (
    <div className="profile-scroll">
      <table className="profile-table" aria-label={`Profile of ${profile.dataset}`}>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">Null %</th>
            <th scope="col" className="num">Distinct</th>
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Histogram</th>
          </tr>
        </thead>
        <tbody>
          {profile.columns.map((c) => (
            <tr key={c.name} data-column={c.name}>
              <th scope="row" className="profile-name">{c.name}</th>
              <td><code className="profile-type">{c.type}</code></td>
              <td className="num" data-field="null-percent">{percentText(c.nullPercent)}</td>
              <td className="num" data-field="distinct">{c.distinct.toLocaleString()}</td>
              <td className="profile-extreme" title={extremeText(c.min)}>{extremeText(c.min)}</td>
              <td className="profile-extreme" title={extremeText(c.max)}>{extremeText(c.max)}</td>
              <td><MiniHistogram column={c} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
