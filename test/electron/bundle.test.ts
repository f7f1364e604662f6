import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_BUNDLE, ensureElectronBundle } from '../../cli/start';

describe('the desktop shell’s bundle', () => {
  it('has a preload that is one CommonJS file requiring only electron, as a sandboxed preload must be', async () => {
    await ensureElectronBundle();
    const preload = readFileSync(join(ELECTRON_BUNDLE, 'preload.cjs'), 'utf8');
    expect([...new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))]).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(|^import /m);
    const main = readFileSync(join(ELECTRON_BUNDLE, 'main.cjs'), 'utf8');
    // Native and runtime-provided modules stay outside; the rest of core is inside.
    expect(main).toContain('require("electron")');
    expect(main).toContain('require("better-sqlite3")');
    expect(main).not.toContain('localhost:5173');
    expect(main).not.toContain('loadFile(');
  }, 120_000);
});
