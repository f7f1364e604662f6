import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMasterKey, protectedKeyPath, type SafeStorageLike } from '../../electron/master-key';
import { seededRandom } from '../../core/shared/random';
import { masterKeyPath } from '../../core/store/master-key';

/** A stand-in for safeStorage: "encrypts" by reversing and tagging, and can be told to fail or rotate. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}) {
  const calls: string[] = [];
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: async (text) => {
      calls.push('encrypt');
      return Buffer.from(`sealed:${[...text].reverse().join('')}`);
    },
    decryptStringAsync: async (data) => {
      calls.push('decrypt');
      const text = data.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed by this store');
      return { result: [...text.slice(7)].reverse().join(''), shouldReEncrypt: options.reEncrypt ?? false };
    },
  };
  return { storage, calls };
}

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-study-key-'));
  db = join(dir, 'kms-study.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const load = (storage: SafeStorageLike, platform = 'linux') =>
  loadMasterKey({ databasePath: db, safeStorage: storage, platform, random: seededRandom('master-key-test') });

describe('the desktop app’s master key', () => {
  it('is created on first start, sealed by the OS secret store, owner-only, and the same on the next start', async () => {
    const { storage } = fakeSafeStorage();
    const first = await load(storage);
    expect(first.protection).toBe('os');
    expect(first.warning).toBeUndefined();
    const key = first.provider.load();
    expect(key).toHaveLength(32);
    expect(readFileSync(protectedKeyPath(db), 'utf8')).toMatch(/^sealed:/);
    expect(statSync(protectedKeyPath(db)).mode & 0o777).toBe(0o600);
    expect(existsSync(masterKeyPath(db))).toBe(false);
    expect((await load(storage)).provider.load()).toEqual(key);
  });

  it('re-seals the key when the store asks to (its own key rotated)', async () => {
    const { storage } = fakeSafeStorage();
    const key = (await load(storage)).provider.load();
    const { storage: rotated, calls } = fakeSafeStorage({ reEncrypt: true });
    expect((await load(rotated)).provider.load()).toEqual(key);
    expect(calls).toEqual(['decrypt', 'encrypt']);
  });

  it('moves a key kept in a plain file into the secret store', async () => {
    const plain = Buffer.alloc(32, 7);
    writeFileSync(masterKeyPath(db), plain.toString('base64') + '\n', { mode: 0o600 });
    const { storage } = fakeSafeStorage();
    expect((await load(storage)).provider.load()).toEqual(plain);
    expect(existsSync(masterKeyPath(db))).toBe(false);
    expect(existsSync(protectedKeyPath(db))).toBe(true);
  });

  it('keeps the key in an owner-only file, and says so, where Linux offers no real secret store', async () => {
    for (const backend of ['basic_text', 'unknown']) {
      const { storage, calls } = fakeSafeStorage({ backend });
      const loaded = await load(storage);
      expect(loaded.protection).toBe('file');
      expect(loaded.warning).toBe(
        `No system secret store is available, so the sandbox’s master key is kept in ${masterKeyPath(db)}, readable only by you.`,
      );
      expect(loaded.provider.load()).toHaveLength(32);
      expect(calls).toEqual([]);
      expect(statSync(masterKeyPath(db)).mode & 0o777).toBe(0o600);
    }
    // basic_text is a Linux notion: elsewhere availability alone decides.
    const { storage } = fakeSafeStorage({ backend: 'basic_text' });
    rmSync(masterKeyPath(db));
    expect((await load(storage, 'darwin')).protection).toBe('os');
  });

  it('refuses to start when the sealed key exists but the store is locked, and when the key is damaged', async () => {
    const { storage } = fakeSafeStorage();
    await load(storage);
    await expect(load(fakeSafeStorage({ available: false }).storage)).rejects.toThrow(
      'The sandbox’s master key is protected by the system’s secret store, which is not available now; unlock it (or sign in to the desktop session) and start KMS Study again.',
    );
    writeFileSync(protectedKeyPath(db), `sealed:${[...Buffer.alloc(5).toString('base64')].reverse().join('')}`);
    await expect(load(storage)).rejects.toThrow(
      `The master key in ${protectedKeyPath(db)} is damaged (expected 32 bytes).`,
    );
  });
});
