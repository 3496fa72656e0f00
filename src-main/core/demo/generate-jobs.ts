/**
 * Seed 002 (BACOWR) content-generation jobs over the 60 demo days: business-hours weekdays,
 * providers anthropic/openai/google/mistral, strategies multi_stage/single_shot.
 * Invariants: exactly `count` jobs with distinct ids, sorted by creation; costs within
 * 0.05–0.9 USD; only delivered and blocked jobs have a completion, 15–90 s after their start;
 * pending jobs have no start, cost or QC; processing jobs a start only; aborted jobs a start
 * and the cost of the part they ran; qc_status is PASS or PASS_WITH_AUTOFIX for delivered
 * jobs, BLOCKED for blocked ones, null otherwise.
 */
import { type Random, WeightedPicker, round, zipfWeights } from './random';
import { DEMO_END_MS, HOUR_MS, HourOfDay, dayStartMs, dayWeights, splitBudget } from './timeline';

export type JobStatus = 'delivered' | 'blocked' | 'aborted' | 'pending' | 'processing';
export type QcStatus = 'PASS' | 'PASS_WITH_AUTOFIX' | 'BLOCKED';

export interface JobUser {
  readonly id: string;
  readonly email: string;
}

export interface DemoJob {
  readonly jobId: string;
  readonly createdMs: number;
  readonly status: JobStatus;
  readonly provider: string;
  readonly strategy: 'multi_stage' | 'single_shot';
  readonly publisher: string;
  readonly targetUrl: string;
  readonly anchorText: string;
  readonly estimatedCost: number;
  readonly cost: number | null;
  readonly startedMs: number | null;
  readonly completedMs: number | null;
  readonly qcScore: number | null;
  readonly qcStatus: QcStatus | null;
  readonly issueCount: number | null;
  readonly user: JobUser;
}

interface Provider {
  readonly name: string;
  readonly share: number;
  /** Median generation time of a multi-stage job, seconds. */
  readonly medianSeconds: number;
  readonly costFactor: number;
  readonly abortRate: number;
}

const PROVIDERS: readonly Provider[] = [
  { name: 'anthropic', share: 0.55, medianSeconds: 36, costFactor: 1, abortRate: 0.04 },
  { name: 'openai', share: 0.3, medianSeconds: 43, costFactor: 1.05, abortRate: 0.05 },
  { name: 'google', share: 0.1, medianSeconds: 31, costFactor: 0.8, abortRate: 0.06 },
  { name: 'mistral', share: 0.05, medianSeconds: 27, costFactor: 0.6, abortRate: 0.1 },
];

const PUBLISHERS = [
  'nordichomeblog.se', 'budgetresor.nu', 'techkollen.se', 'familjeliv-tips.se', 'tradgardsglad.se',
  'motorbloggen.se', 'halsoguiden.nu', 'matochvin.se', 'byggahus-forum.se', 'sparsamt.nu',
  'resedagboken.se', 'fotbollsprat.se', 'inredningsidéer.se', 'elbilsnytt.se', 'husdjurskollen.se',
  'studentliv.nu', 'hemmafixaren.se', 'löparbloggen.se', 'gamingzonen.se', 'stadsliv-gbg.se',
];

const TARGETS = [
  'https://shop.nordlys-home.example/bedding/linen',
  'https://shop.nordlys-home.example/lighting',
  'https://shop.nordlys-home.example/kitchen/cast-iron',
  'https://www.voltcar.example/charging/home-charger',
  'https://www.voltcar.example/service-plans',
  'https://www.voltcar.example/test-drive',
  'https://boka.klinikenvast.example/vaccination',
  'https://boka.klinikenvast.example/physiotherapy',
  'https://www.fjallresor.example/packages/abisko',
  'https://www.fjallresor.example/winter',
  'https://www.lanekollen.example/privatlan',
  'https://www.lanekollen.example/billan',
];

/** Anchor texts; a few carry commas and quotes, as real ones do. */
const ANCHORS = [
  'linen duvet covers', 'best floor lamps 2026', 'cast iron pan', 'home charger for electric cars',
  'service plan', 'book a test drive', 'flu vaccination Gothenburg', 'physiotherapy near me',
  'Abisko ski packages', 'winter holidays in the mountains', 'compare personal loans', 'car loan, low interest',
  'cheap, fast and safe charging', 'the "cosy" bedroom guide', 'read more', 'click here',
  'Nordlys Home', 'Voltcar', 'kliniken väst', 'lånekollen.se',
];

const USER_NAMES = [
  'anna.berg', 'erik.lund', 'sara.holm', 'johan.ek', 'maria.nilsson', 'karl.sjoberg', 'lina.dahl',
  'oskar.strand', 'emma.wik', 'felix.noren', 'ida.falk', 'hugo.blom', 'elsa.kvist', 'nils.hedlund',
  'maja.lindqvist', 'viktor.aberg', 'alva.mork', 'leo.sandberg',
];

/** Jobs are queued by people at work: weekdays, Swedish office hours. */
const JOB_HOURS = [0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.5, 3.5, 5, 5.5, 5, 4, 4.5, 5, 4.8, 3.8, 2.5, 1.4, 0.9, 0.8, 0.7, 0.5, 0.3, 0.15];
/** Jobs created this close to the end of the export are often still queued or running. */
const IN_FLIGHT_WINDOW_MS = 12 * HOUR_MS;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function creationTimes(count: number, rng: Random): number[] {
  const weights = dayWeights(rng, { weekday: [1.1, 1.15, 1.1, 1.05, 0.95, 0.35, 0.25], growth: 0.5, noise: 0.15 });
  const hours = new HourOfDay(JOB_HOURS);
  const times: number[] = [];
  splitBudget(count, weights).forEach((n, day) => {
    for (let i = 0; i < n; i++) times.push(dayStartMs(day) + hours.sample(rng));
  });
  return times.sort((a, b) => a - b);
}

function statusOf(rng: Random, createdMs: number, provider: Provider, strategy: DemoJob['strategy']): JobStatus {
  const inFlight = createdMs >= DEMO_END_MS - IN_FLIGHT_WINDOW_MS;
  const x = rng.next();
  if (inFlight ? x < 0.35 : x < 0.004) return 'pending';
  if (inFlight ? x < 0.6 : x < 0.007) return 'processing';
  const y = rng.next();
  if (y < provider.abortRate) return 'aborted';
  if (y < provider.abortRate + (strategy === 'single_shot' ? 0.2 : 0.1)) return 'blocked';
  return 'delivered';
}

function qualityOf(rng: Random, status: JobStatus): Pick<DemoJob, 'qcScore' | 'qcStatus' | 'issueCount'> {
  if (status === 'blocked') return { qcStatus: 'BLOCKED', qcScore: round(clamp(rng.normal() * 10 + 52, 10, 69), 1), issueCount: rng.int(3, 9) };
  if (status !== 'delivered') return { qcStatus: null, qcScore: null, issueCount: null };
  if (rng.chance(0.72)) return { qcStatus: 'PASS', qcScore: round(clamp(rng.normal() * 5 + 89, 75, 100), 1), issueCount: rng.chance(0.8) ? 0 : 1 };
  return { qcStatus: 'PASS_WITH_AUTOFIX', qcScore: round(clamp(rng.normal() * 5 + 80, 70, 95), 1), issueCount: rng.int(1, 4) };
}

/** The people queueing jobs: a few do most of the work. */
function jobUsers(rng: Random): WeightedPicker<JobUser> {
  const list = USER_NAMES.map((name) => ({ id: rng.uuid(), email: `${name}@example.com` }));
  return new WeightedPicker(list, zipfWeights(list.length, 1));
}

/** `count` jobs, sorted by creation time. */
export function generateJobs(count: number, rng: Random): DemoJob[] {
  const providers = new WeightedPicker(PROVIDERS, PROVIDERS.map((p) => p.share));
  const userPicker = jobUsers(rng.fork('users'));
  return creationTimes(count, rng).map((createdMs) => {
    const provider = providers.pick(rng);
    const strategy = rng.chance(0.75) ? 'multi_stage' : 'single_shot';
    const status = statusOf(rng, createdMs, provider, strategy);
    const estimatedCost = round(clamp((strategy === 'multi_stage' ? 0.34 : 0.14) * provider.costFactor * rng.logNormal(1, 0.25), 0.05, 0.9), 2);
    const fullCost = clamp(estimatedCost * rng.logNormal(1, 0.15), 0.05, 0.9);
    const seconds = clamp(rng.logNormal(provider.medianSeconds * (strategy === 'single_shot' ? 0.6 : 1), 0.3), 15, 90);
    const startedMs = status === 'pending' ? null : createdMs + Math.round(rng.logNormal(4_000, 0.9));
    const completedMs = status === 'delivered' || status === 'blocked' ? startedMs! + Math.round(seconds * 1000) : null;
    // An aborted job is billed for the part it ran.
    const billed = status === 'aborted' ? fullCost * rng.between(0.2, 0.8) : completedMs === null ? null : fullCost;
    const cost = billed === null ? null : round(clamp(billed, 0.05, 0.9), 4);
    return {
      jobId: rng.uuid(),
      createdMs,
      status,
      provider: provider.name,
      strategy,
      publisher: rng.pick(PUBLISHERS),
      targetUrl: rng.pick(TARGETS),
      anchorText: rng.pick(ANCHORS),
      estimatedCost,
      cost,
      startedMs,
      completedMs,
      ...qualityOf(rng, status),
      user: userPicker.pick(rng),
    };
  });
}
