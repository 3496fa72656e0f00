/**
 * The shape of each service method's request, checked at both doors (parseInvocation: Electron
 * IPC and the HTTP RPC) before the service runs:
 * a method without a parameter gets no arguments; any other gets one plain object holding every
 * field its request type requires, each of the right JSON kind. REQUEST_SHAPES is written out by
 * hand but derived from the contract by its type: the compiler rejects a method missing here, a
 * required field left out or invented, and a kind that does not match the field's type.
 * Optional fields and nested values are the service's to check (validate-spec.ts, saved.ts, …).
 */
import type { ServiceMethod, TallybookService } from './contract';
import { UserError } from './errors';

export type JsonKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';

/** The kind a field of type T must have; unions of kinds (and unknown) are 'any'. */
type KindOf<T> = unknown extends T ? 'any'
  : [T] extends [string] ? 'string'
  : [T] extends [number] ? 'number'
  : [T] extends [boolean] ? 'boolean'
  : [T] extends [readonly unknown[]] ? 'array'
  : [T] extends [object] ? 'object'
  : 'any';

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

type Params<M extends ServiceMethod> = Parameters<TallybookService[M]>;

/** 'none' for a method without a parameter, else its request's required fields and their kinds. */
export type RequestShape<M extends ServiceMethod> = Params<M> extends []
  ? 'none'
  : { readonly [K in RequiredKeys<Params<M>[0]>]: KindOf<Params<M>[0][K]> };

export const REQUEST_SHAPES: { readonly [M in ServiceMethod]: RequestShape<M> } = {
  workspace: 'none',
  openWorkspace: { path: 'string' },
  rebuildWorkspace: { path: 'string' },
  openDemo: 'none',
  recentWorkspaces: 'none',
  settings: 'none',
  updateSettings: {},
  getState: { key: 'string' },
  setState: { key: 'string', value: 'any' },
  profile: { dataset: 'string' },
  rows: { dataset: 'string' },
  datasets: 'none',
  previewImport: { paths: 'array' },
  importFiles: { dataset: 'string', paths: 'array' },
  cancelImport: 'none',
  rejects: { dataset: 'string' },
  sql: { sql: 'string' },
  sqlPage: { sql: 'string' },
  sqlComplete: { sql: 'string', cursor: 'number' },
  cancelQuery: 'none',
  query: { dataset: 'string', measures: 'array' },
  preset: { dataset: 'string', preset: 'string' },
  funnel: { dataset: 'string', steps: 'array' },
  funnelDropOff: { dataset: 'string', steps: 'array', step: 'number' },
  retention: { dataset: 'string' },
  topN: { dataset: 'string', field: 'string' },
  engagement: { dataset: 'string' },
  metricSeries: { dataset: 'string', metrics: 'array' },
  derivedRate: { dataset: 'string', numerator: 'string', denominator: 'any' },
  thresholds: { dataset: 'string', rules: 'array' },
  check: {},
  exportData: { path: 'string' },
  saveExport: { fileName: 'string' },
  saveReportPdf: {},
  savedList: {},
  savedGet: { id: 'string' },
  savedPut: { kind: 'string', name: 'string', body: 'any' },
  savedDelete: { id: 'string' },
  savedDuplicate: { id: 'string' },
  reportHtml: {},
  reportVerify: { html: 'string' },
};

function kindOf(v: unknown): Exclude<JsonKind, 'any'> | 'other' {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return typeof v as 'string' | 'number' | 'boolean';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' && v !== null ? 'object' : 'other';
}

/** Throws a UserError 'bad_request' when `args` do not fit the method's request shape. */
export function checkRequestShape(method: ServiceMethod, args: Readonly<Record<string, unknown>> | undefined): void {
  const shape: 'none' | Readonly<Record<string, JsonKind>> = REQUEST_SHAPES[method];
  // The HTTP client sends {} where IPC sends nothing: both mean "no arguments".
  if (shape === 'none') {
    if (args !== undefined && Object.keys(args).length > 0) throw new UserError('bad_request', `${method} takes no arguments`);
    return;
  }
  if (args === undefined) throw new UserError('bad_request', `${method} needs a request object`);
  for (const [field, kind] of Object.entries(shape)) {
    if (!Object.hasOwn(args, field)) throw new UserError('bad_request', `${method} needs the field "${field}"`);
    if (kind !== 'any' && kindOf(args[field]) !== kind) {
      throw new UserError('bad_request', `the field "${field}" of ${method} must be ${kind === 'array' ? 'an array' : `a ${kind}`}`);
    }
  }
}
