/**
 * What a launch's command line asks for, as a pure function: `tallybook ws.tallybook` opens a
 * workspace, `tallybook a.csv b.ndjson.gz` goes to Import with those files. Used for the first
 * launch and for a second launch, whose argv the single-instance lock hands to the running app.
 * Switches (Chromium's or ours) and the executable / app path are skipped; relative paths are
 * resolved against the launching process's working directory.
 */
import { isAbsolute, resolve } from 'node:path';

export type LaunchRequest =
  | { readonly kind: 'workspace'; readonly path: string }
  | { readonly kind: 'import'; readonly paths: readonly string[] }
  | { readonly kind: 'none' };

const WORKSPACE = /\.(tallybook|duckdb)$/i;
/** The file kinds the importer reads (PRODUCT.md), optionally gzip-compressed. */
const DATA_FILE = /\.(csv|tsv|json|ndjson|jsonl|parquet)(\.gz)?$/i;

export function isWorkspaceFile(path: string): boolean {
  return WORKSPACE.test(path);
}

export function isDataFile(path: string): boolean {
  return DATA_FILE.test(path);
}

/**
 * argv as Electron gives it (process.argv, or the `second-instance` event's argv): argv[0] is
 * the executable; unpackaged, argv[1] is the app (".", or out/main/index.js) and never a file
 * we act on. A workspace wins over data files; the first workspace named is the one opened.
 */
export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchRequest {
  const files = argv.slice(1).filter((a) => a !== '' && !a.startsWith('-'));
  const absolute = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const workspace = files.find(isWorkspaceFile);
  if (workspace) return { kind: 'workspace', path: absolute(workspace) };
  const data = files.filter(isDataFile).map(absolute);
  return data.length ? { kind: 'import', paths: data } : { kind: 'none' };
}

/** What a second launch hands the running one (requestSingleInstanceLock's additionalData). */
export interface LaunchData {
  readonly argv: readonly string[];
  readonly cwd: string;
}

function isLaunchData(v: unknown): v is LaunchData {
  const d = v as Partial<LaunchData> | null;
  return typeof d === 'object' && d !== null && Array.isArray(d.argv) && d.argv.every((a) => typeof a === 'string') && typeof d.cwd === 'string';
}

/**
 * The request of a second launch, from the `second-instance` event: the launch's own argv and
 * folder when it sent them (Chromium may reorder and add switches to the event's argv), else
 * the event's argv and working directory.
 */
export function secondInstanceRequest(argv: readonly string[], workingDirectory: string, additionalData: unknown): LaunchRequest {
  const data = isLaunchData(additionalData) ? additionalData : { argv, cwd: workingDirectory };
  return parseLaunchArgs(data.argv, data.cwd);
}
