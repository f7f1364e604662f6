/**
 * `kms-study start` (what `npm start` runs): builds what is missing or out of date (the UI
 * with Vite; the desktop shell with esbuild), then launches the desktop app where
 * Electron's binary is present. Where it is not, one sentence says so, and the same UI is
 * served for a browser by `kms-study serve --open`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { electronVersion, ensureElectronDriver, NATIVE_BINDING_ENV } from './native-driver';
import { packageRoot, rendererDist } from './paths';
import { SECURITY_HEADERS_FILE } from './static-site';

/**
 * The Electron binary's path, or undefined when the package is installed without it. Reads
 * the path the package records instead of `require('electron')`, which would try to
 * download the binary.
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = override ? join(override, name || 'electron') : name ? join(dir, 'dist', name) : undefined;
  return binary && existsSync(binary) ? binary : undefined;
}

/** The newest modification time of the files under `paths` (folders are walked), 0 if none. */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Whether `output` is missing or older than any of `sources`. */
export function isStale(output: string, sources: string[]): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < newestMtime(sources);
}

const root = packageRoot();
const at = (...parts: string[]) => parts.map((p) => join(root, p));

/** What the renderer's build is made from (core's isomorphic modules included). */
export const RENDERER_SOURCES = at(
  'renderer',
  'vite.config.ts',
  'core/app/contract.ts',
  'core/app/calls',
  'package-lock.json',
);
/** What the desktop shell's bundle is made from. */
export const ELECTRON_SOURCES = at('electron', 'core', 'package-lock.json');

export const ELECTRON_BUNDLE = join(root, 'build', 'electron');

/** Builds the UI into dist/ when it is missing or older than its sources. */
export async function ensureRenderer(log: (line: string) => void = () => {}): Promise<void> {
  if (!isStale(join(rendererDist(), SECURITY_HEADERS_FILE), RENDERER_SOURCES)) return;
  log('Building the app’s UI (this takes a minute the first time)…');
  await buildRenderer();
}

/** Builds the UI into dist/ with Vite (vite.config.ts), for production. */
export async function buildRenderer(): Promise<void> {
  // vite.config.ts imports renderer/csp.ts as TypeScript does, without an extension; Vite's
  // notice that a future config loader will not allow that is not the user's concern.
  process.env['VITE_CONFIG_NATIVE_IGNORE_WARNING'] = 'true';
  // React and the JSX transform pick their production builds from NODE_ENV, which a caller
  // (a test runner, say) may have set otherwise.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}

/** Bundles the desktop shell when it is missing or older than its sources. */
export async function ensureElectronBundle(): Promise<void> {
  const outputs = ['main.cjs', 'preload.cjs'].map((f) => join(ELECTRON_BUNDLE, f));
  if (outputs.some((o) => isStale(o, ELECTRON_SOURCES))) await buildElectron();
}

/** Bundles the desktop shell (main process and preload) into build/electron/ with esbuild. */
export async function buildElectron(): Promise<void> {
  const esbuild = await import('esbuild');
  const common = {
    outdir: ELECTRON_BUNDLE,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
  } as const;
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { main: join(root, 'electron/main.ts') },
      // Electron is provided by the runtime; better-sqlite3 is a native module loaded from node_modules.
      external: ['electron', 'better-sqlite3'],
      // core/ is ES modules and finds its data files from import.meta.url: in the CommonJS
      // bundle that is the bundle's own file (build/electron/ sits as deep as core/app/).
      define: { 'import.meta.url': '__bundle_url' },
      banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
    }),
    // The sandboxed preload may require nothing but electron.
    esbuild.build({ ...common, entryPoints: { preload: join(root, 'electron/preload.ts') }, external: ['electron'] }),
  ]);
}

export async function runStart(argv: string[]): Promise<number> {
  const log = (line: string) => process.stdout.write(line + '\n');
  await ensureRenderer(log);
  const binary = electronBinary();
  const driver = binary ? await ensureElectronDriver(electronVersion(), { log }) : undefined;
  if (binary && driver) {
    await ensureElectronBundle();
    const env: NodeJS.ProcessEnv = { ...process.env, [NATIVE_BINDING_ENV]: driver };
    delete env['ELECTRON_RUN_AS_NODE'];
    const child = spawn(binary, [root, ...argv], { stdio: 'inherit', env });
    return await new Promise<number>((done) => child.on('exit', (code) => done(code ?? 0)));
  }
  log(
    binary
      ? 'The SQLite driver could not be built for Electron (see the compiler’s output above), so KMS Study opens in your browser instead.'
      : 'Electron’s binary is not installed on this machine, so KMS Study opens in your browser instead.',
  );
  const { runServe } = await import('./serve');
  return runServe(['--open', ...argv]);
}
