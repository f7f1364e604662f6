import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBinary, isStale, newestMtime } from '../../../cli/start';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-study-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const touch = (path: string, seconds: number) => {
  writeFileSync(path, 'x');
  utimesSync(path, seconds, seconds);
};

describe('deciding what to rebuild', () => {
  it('finds the newest file under folders and files', () => {
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    touch(join(dir, 'src', 'a.ts'), 1000);
    touch(join(dir, 'src', 'deep', 'b.ts'), 3000);
    touch(join(dir, 'c.ts'), 2000);
    expect(newestMtime([join(dir, 'src'), join(dir, 'c.ts'), join(dir, 'missing')])).toBe(3_000_000);
    expect(newestMtime([join(dir, 'missing')])).toBe(0);
  });

  it('rebuilds when the output is missing or older than a source', () => {
    touch(join(dir, 'source.ts'), 2000);
    expect(isStale(join(dir, 'out.js'), [join(dir, 'source.ts')])).toBe(true);
    touch(join(dir, 'out.js'), 1000);
    expect(isStale(join(dir, 'out.js'), [join(dir, 'source.ts')])).toBe(true);
    touch(join(dir, 'out.js'), 3000);
    expect(isStale(join(dir, 'out.js'), [join(dir, 'source.ts')])).toBe(false);
  });
});

describe('finding Electron', () => {
  it('uses the binary the electron package recorded, without trying to download it', () => {
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toBeUndefined();
    touch(join(dist, 'electron'), 1000);
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(join(dist, 'electron'));
  });
});
