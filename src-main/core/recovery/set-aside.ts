/**
 * Moving a damaged workspace out of the way without losing a byte: WS becomes
 * WS.damaged-<timestamp>, its WAL WS.damaged-<timestamp>.wal (so the pair still opens together),
 * and a copy of its sources record travels along. Nothing is ever deleted.
 */
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { sidecarPath } from './sources-record';

export interface SetAside {
  /** Where the workspace file is now. */
  readonly file: string;
  /** Where its WAL is now (null when it had none). */
  readonly wal: string | null;
}

/** A file-name-safe UTC time, e.g. 2026-11-23T13-41-05Z. */
export function fileStamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

/** `${path}.${label}-<timestamp>`, with -2, -3… when that name is taken. */
export function freeName(path: string, label: string, now = new Date()): string {
  const base = `${path}.${label}-${fileStamp(now)}`;
  let name = base;
  for (let i = 2; existsSync(name) || existsSync(`${name}.wal`); i++) name = `${base}-${i}`;
  return name;
}

export function setAside(path: string, now = new Date()): SetAside {
  const file = freeName(path, 'damaged', now);
  const walFrom = `${path}.wal`;
  // The WAL first: a WAL left behind without its file could be replayed into a new workspace.
  const wal = existsSync(walFrom) ? `${file}.wal` : null;
  if (wal) renameSync(walFrom, wal);
  renameSync(path, file);
  if (existsSync(sidecarPath(path))) copyFileSync(sidecarPath(path), sidecarPath(file));
  return { file, wal };
}
