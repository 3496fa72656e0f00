/**
 * Writes a deterministic set of demo exports in the seed formats into a folder, one subfolder
 * per dataset they belong to (so a folder import picks up exactly one dataset's files):
 *   jobs/       seed 002 CSV export + JSON export, overlapping job ids
 *   events/     seed 004 NDJSON envelopes in three files, the middle one .ndjson.gz
 *   crawler/    seed 003 NDJSON
 *   snapshots/  seed 000 hourly snapshot JSON files
 * Invariants: the same options give byte-identical files (nothing reads the clock or the
 * environment); each generator draws from its own forked stream, so e.g. the event count does
 * not change the jobs. Existing files of the same names are overwritten.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../../../src-shared/errors';
import { crawlerNdjson } from './generate-crawler';
import { EVENT_FILES, eventChunks } from './generate-events';
import { generateJobs } from './generate-jobs';
import { generateSnapshots } from './generate-snapshots';
import { jobsCsv, jobsJson, splitJobExports } from './job-exports';
import { Random } from './random';
import { openTextSink, type TextSink } from './text-sink';
import { yyyymmdd } from './timeline';

export interface DemoOptions {
  /** Distinct valid events (default 300,000); duplicates and bad lines come on top. */
  readonly events?: number;
  /** Distinct jobs across both job exports (default 2,000). */
  readonly jobs?: number;
  /** Default 42. */
  readonly seed?: number;
}

/** Absolute paths of the written files, grouped by the dataset they belong to. */
export interface DemoFiles {
  readonly jobs: string[];
  readonly events: string[];
  readonly crawler: string[];
  readonly snapshots: string[];
}

export const DEMO_DEFAULTS = { events: 300_000, jobs: 2_000, seed: 42 } as const;

function count(name: string, value: number | undefined, fallback: number, max: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new UserError('bad_request', `demo ${name} must be a whole number from 1 to ${max.toLocaleString('en-US')}, not ${n}`, `e.g. ${name}: ${fallback}`);
  }
  return n;
}

function seedOf(value: number | undefined): number {
  const seed = value ?? DEMO_DEFAULTS.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UserError('bad_request', `demo seed must be a whole number from 0 to 4294967295, not ${seed}`, `e.g. seed: ${DEMO_DEFAULTS.seed}`);
  }
  return seed;
}

async function writeJobs(dir: string, count: number, rng: Random): Promise<string[]> {
  const jobs = generateJobs(count, rng.fork('jobs'));
  const { csv, json } = splitJobExports(jobs);
  const csvPath = join(dir, `bacowr_jobs_${yyyymmdd(csv[csv.length - 1]!.createdMs)}.csv`);
  const jsonPath = join(dir, `bacowr_jobs_${yyyymmdd(json[json.length - 1]!.createdMs)}.json`);
  await writeFile(csvPath, jobsCsv(csv, rng.fork('jobs.csv')));
  await writeFile(jsonPath, jobsJson(json, rng.fork('jobs.json')));
  return [csvPath, jsonPath];
}

async function writeEvents(dir: string, count: number, rng: Random): Promise<string[]> {
  const paths = EVENT_FILES.map((f) => join(dir, f.name));
  const sinks: (TextSink | null)[] = EVENT_FILES.map(() => null);
  try {
    for (const chunk of eventChunks(count, rng.fork('events'))) {
      const sink = (sinks[chunk.file] ??= openTextSink(paths[chunk.file]!, EVENT_FILES[chunk.file]!.gzip));
      await sink.write(chunk.text);
    }
    // A file whose days drew no events (tiny counts) is still written, empty.
    for (let i = 0; i < EVENT_FILES.length; i++) {
      sinks[i] ??= openTextSink(paths[i]!, EVENT_FILES[i]!.gzip);
      await sinks[i]!.close();
    }
  } catch (e) {
    await Promise.allSettled(sinks.map((s) => s?.close()));
    throw e;
  }
  return paths;
}

async function writeCrawler(dir: string, rng: Random): Promise<string[]> {
  const path = join(dir, 'jav-events.ndjson');
  await writeFile(path, crawlerNdjson(rng.fork('crawler')));
  return [path];
}

async function writeSnapshots(dir: string, rng: Random): Promise<string[]> {
  const paths: string[] = [];
  for (const s of generateSnapshots(rng.fork('snapshots'))) {
    const path = join(dir, s.name);
    await writeFile(path, s.text);
    paths.push(path);
  }
  return paths;
}

/** Writes the demo exports into `dir` (created if missing) and returns their paths. */
export async function writeDemoFiles(dir: string, opts: DemoOptions = {}): Promise<DemoFiles> {
  const events = count('events', opts.events, DEMO_DEFAULTS.events, 50_000_000);
  const jobs = count('jobs', opts.jobs, DEMO_DEFAULTS.jobs, 1_000_000);
  const rng = new Random(seedOf(opts.seed));
  const root = resolve(dir);
  const sub = { jobs: join(root, 'jobs'), events: join(root, 'events'), crawler: join(root, 'crawler'), snapshots: join(root, 'snapshots') };
  for (const d of Object.values(sub)) await mkdir(d, { recursive: true });
  return {
    jobs: await writeJobs(sub.jobs, jobs, rng),
    events: await writeEvents(sub.events, events, rng),
    crawler: await writeCrawler(sub.crawler, rng),
    snapshots: await writeSnapshots(sub.snapshots, rng),
  };
}
