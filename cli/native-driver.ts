/**
 * The SQLite driver (better-sqlite3, a native addon) for the desktop shell. An addon is built
 * for one runtime's ABI, and node_modules' copy is Node's (the command line and the tests use
 * it). So `npm start` builds a second copy for Electron's ABI, once per Electron version, into
 * build/native/, and the shell loads that one (store/database.ts `nativeBinding`), leaving
 * node_modules alone. Packaged apps need none of this: electron-builder rebuilds the addon
 * it puts in the package.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { packageRoot } from './paths';

/** Where Electron's headers for compiling addons are published. */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** The environment variable that tells the desktop shell where its driver is. */
export const NATIVE_BINDING_ENV = 'KMS_STUDY_SQLITE_BINDING';

/** Where the driver built for `electronVersion` is kept. */
export function electronDriverPath(electronVersion: string, root = packageRoot()): string {
  return join(root, 'build', 'native', `electron-${electronVersion}-${process.arch}`, 'better_sqlite3.node');
}

/** node-gyp's arguments for compiling an addon against Electron's headers. */
export function electronGypArgs(electronVersion: string, arch: string = process.arch): string[] {
  return [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
  ];
}

/** Runs node-gyp in `cwd`; resolves with its exit code. */
export type GypRunner = (cwd: string, args: string[]) => Promise<number>;

/** Runs a command with the output shown; resolves with its exit code (1 when it cannot start). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
  return new Promise((done) => {
    child.on('error', () => done(1));
    child.on('exit', (code) => done(code ?? 1));
  });
}

/** The environment without npm's `nodedir`, which would quietly build against Node's headers. */
function withoutNodedir(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['npm_config_nodedir'];
  return env;
}

/** npm's own node-gyp (npm names it to the scripts it runs), else the one in node_modules. */
function nodeGypScript(): string | undefined {
  const fromNpm = process.env['npm_config_node_gyp'];
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

const runNodeGyp: GypRunner = (cwd, args) => {
  const gyp = nodeGypScript();
  if (!gyp) {
    process.stderr.write('node-gyp, the native-module compiler that comes with npm, was not found.\n');
    return Promise.resolve(1);
  }
  return run(process.execPath, [gyp, ...args], cwd, withoutNodedir());
};

export interface EnsureDriverOptions {
  root?: string;
  /** The better-sqlite3 package to build from; default: node_modules'. */
  driverSource?: string;
  runGyp?: GypRunner;
  log?: (line: string) => void;
}

/**
 * The path of the driver built for `electronVersion`, compiling it first when it is missing
 * (a few minutes, once; Electron's headers are downloaded). Undefined when the build fails:
 * nothing half-built is left where the shell would load it.
 */
export async function ensureElectronDriver(
  electronVersion: string,
  options: EnsureDriverOptions = {},
): Promise<string | undefined> {
  const root = options.root ?? packageRoot();
  const target = electronDriverPath(electronVersion, root);
  if (existsSync(target)) return target;
  const source = options.driverSource ?? dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  const work = join(dirname(target), 'source');
  (options.log ?? (() => {}))(
    `Building the SQLite driver for Electron ${electronVersion} (once; this takes a few minutes)…`,
  );
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // The package without its Node build: node-gyp starts from the sources.
  cpSync(source, work, {
    recursive: true,
    filter: (path) => relative(source, path).split(sep)[0] !== 'build',
  });
  try {
    const code = await (options.runGyp ?? runNodeGyp)(work, electronGypArgs(electronVersion));
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (code !== 0 || !existsSync(built)) return undefined;
    renameSync(built, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The version of the installed electron package. */
export function electronVersion(): string {
  const manifestPath = createRequire(import.meta.url).resolve('electron/package.json');
  return (JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string }).version;
}

/**
 * Rebuilds node_modules' SQLite driver in place for Electron (before packaging by hand) or
 * for Node (the command line and the tests).
 */
export function rebuildNative(target: 'electron' | 'node'): Promise<number> {
  const root = packageRoot();
  const win = process.platform === 'win32';
  return target === 'electron'
    ? run(
        join(root, 'node_modules', '.bin', win ? 'electron-rebuild.cmd' : 'electron-rebuild'),
        ['--force', '--only', 'better-sqlite3', '--module-dir', root],
        root,
        withoutNodedir(),
      )
    : run(win ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], root, process.env);
}
