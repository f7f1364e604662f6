import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ELECTRON_HEADERS_URL,
  electronDriverPath,
  electronGypArgs,
  ensureElectronDriver,
  type GypRunner,
} from '../../../cli/native-driver';
import { openDatabase } from '../../../core/store/database';

const require = createRequire(import.meta.url);

let dir: string;
let source: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-study-driver-'));
  // A stand-in for the better-sqlite3 package: sources, and a build for Node's ABI.
  source = join(dir, 'better-sqlite3');
  mkdirSync(join(source, 'src'), { recursive: true });
  mkdirSync(join(source, 'build', 'Release'), { recursive: true });
  writeFileSync(join(source, 'binding.gyp'), '{}');
  writeFileSync(join(source, 'src', 'better_sqlite3.cpp'), '// sources');
  writeFileSync(join(source, 'build', 'Release', 'better_sqlite3.node'), 'node abi');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the SQLite driver for Electron', () => {
  it('compiles against Electron’s headers for the given version and this machine', () => {
    expect(electronGypArgs('45.5.0', 'arm64')).toEqual([
      'rebuild',
      '--release',
      '--target=45.5.0',
      '--arch=arm64',
      `--dist-url=${ELECTRON_HEADERS_URL}`,
    ]);
  });

  it('builds from the package’s sources, without its Node build, and keeps the result per version', async () => {
    const calls: { cwd: string; args: string[]; files: string[] }[] = [];
    const runGyp: GypRunner = (cwd, args) => {
      calls.push({ cwd, args, files: readdirSync(cwd, { recursive: true }).map(String).sort() });
      mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'electron abi');
      return Promise.resolve(0);
    };
    const built = await ensureElectronDriver('45.5.0', { root: dir, driverSource: source, runGyp });
    expect(built).toBe(electronDriverPath('45.5.0', dir));
    expect(readFileSync(built!, 'utf8')).toBe('electron abi');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toEqual(electronGypArgs('45.5.0'));
    expect(calls[0]!.files).toEqual(['binding.gyp', 'src', join('src', 'better_sqlite3.cpp')]);
    // The working copy is gone; node_modules' build is untouched.
    expect(existsSync(calls[0]!.cwd)).toBe(false);
    expect(readFileSync(join(source, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('node abi');

    // A second start reuses the build.
    expect(await ensureElectronDriver('45.5.0', { root: dir, driverSource: source, runGyp })).toBe(built);
    expect(calls).toHaveLength(1);
  });

  it('answers undefined and leaves nothing to load when the compiler fails', async () => {
    const runGyp: GypRunner = (cwd) => {
      mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'half');
      return Promise.resolve(1);
    };
    expect(await ensureElectronDriver('45.5.0', { root: dir, driverSource: source, runGyp })).toBeUndefined();
    expect(existsSync(electronDriverPath('45.5.0', dir))).toBe(false);
    expect(readdirSync(join(dir, 'build', 'native', `electron-45.5.0-${process.arch}`))).toEqual([]);
  });

  it('is what the database opens when named, and a bad one is a clear error', () => {
    expect(() => openDatabase({ path: ':memory:', nativeBinding: join(dir, 'missing.node') })).toThrow(/missing\.node/);
    const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release');
    const db = openDatabase({ path: ':memory:', nativeBinding: join(nodeBuild, 'better_sqlite3.node') });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
