/**
 * Finding a PostgreSQL server for `tallybook bench --vs postgres`: initdb, pg_ctl and psql in
 * one directory of PATH or of Debian's /usr/lib/postgresql/<major>/bin (newest first), and the
 * account the server runs as. PostgreSQL refuses to run as root, so under root the cluster is
 * run as the `postgres` account the Debian package creates, and psql connects as root.
 */
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface PgBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
  readonly psql: string;
}

/** The OS account the server processes run as; absent: the current one. */
export interface PgAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export interface PgServer {
  readonly bin: PgBinaries;
  readonly account?: PgAccount;
}

export type PgLocation = { readonly found: PgServer } | { readonly missing: string };

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The first directory that holds all three programs, as judged by `executable`. */
export function findPgBinaries(dirs: readonly string[], executable: (path: string) => boolean): PgBinaries | null {
  for (const dir of dirs) {
    const bin = { initdb: join(dir, 'initdb'), pgCtl: join(dir, 'pg_ctl'), psql: join(dir, 'psql') };
    if (Object.values(bin).every(executable)) return bin;
  }
  return null;
}

/** PATH, then /usr/lib/postgresql/<major>/bin with the highest major first. */
export function pgSearchDirs(path = process.env.PATH ?? ''): string[] {
  let majors: string[] = [];
  try {
    majors = readdirSync(DEBIAN_ROOT).filter((d) => /^\d+(\.\d+)?$/.test(d));
  } catch {
    // no Debian layout
  }
  majors.sort((a, b) => Number(b) - Number(a));
  return [...path.split(delimiter).filter(Boolean), ...majors.map((m) => join(DEBIAN_ROOT, m, 'bin'))];
}

/** The uid and gid of `name` in an /etc/passwd text. */
export function accountIn(passwd: string, name: string): PgAccount | null {
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where this machine's PostgreSQL is, or one sentence saying why it cannot be used. */
export function locatePostgres(): PgLocation {
  const bin = findPgBinaries(pgSearchDirs(), isExecutable);
  if (!bin) return { missing: `PostgreSQL server binaries (initdb, pg_ctl, psql) not found in PATH or ${DEBIAN_ROOT}/*/bin` };
  if (process.getuid?.() !== 0) return { found: { bin } };
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // no account database: treated as no postgres account
  }
  const account = accountIn(passwd, 'postgres');
  if (!account || account.uid === 0) return { missing: 'PostgreSQL will not run as root and there is no postgres account to run it as' };
  return { found: { bin, account } };
}
