/**
 * The SQL console's statements in flight, per database, so that "Cancel" stops only them: a
 * statement still waiting for the connection is cancelled before it starts, a running one is
 * interrupted (Db.interrupt) and fails with a `cancelled` error instead of DuckDB's message.
 * Other callers' statements (dashboards, imports) are never interrupted.
 */
import { UserError } from '../../../src-shared/errors';
import { isInterrupted, type Db } from '../db';

interface ConsoleRun {
  cancelled: boolean;
  executing: boolean;
}

const runs = new WeakMap<Db, Set<ConsoleRun>>();

function cancelledError(): UserError {
  return new UserError('cancelled', 'Cancelled', 'the statement was stopped; run it again when you are ready');
}

/** Throws `cancelled` when the run was cancelled between two statements. */
export type Checkpoint = () => void;

/** Runs fn with the connection to itself as one cancellable console run. */
export async function consoleRun<T>(db: Db, fn: (checkpoint: Checkpoint) => Promise<T>): Promise<T> {
  const run: ConsoleRun = { cancelled: false, executing: false };
  const set = runs.get(db) ?? new Set<ConsoleRun>();
  runs.set(db, set);
  set.add(run);
  const checkpoint = () => {
    if (run.cancelled) throw cancelledError();
  };
  try {
    return await db.exclusive(async () => {
      checkpoint();
      run.executing = true;
      try {
        return await fn(checkpoint);
      } catch (e) {
        if (run.cancelled || isInterrupted(e)) throw cancelledError();
        throw e;
      }
    });
  } finally {
    run.executing = false;
    set.delete(run);
  }
}

/** Cancels every console run of db, waiting or running; false when there was none. */
export function cancelConsoleRuns(db: Db): boolean {
  const set = runs.get(db);
  if (!set || set.size === 0) return false;
  let interrupt = false;
  for (const run of set) {
    run.cancelled = true;
    interrupt ||= run.executing;
  }
  if (interrupt) db.interrupt();
  return true;
}
