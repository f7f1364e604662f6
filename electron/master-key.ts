/**
 * The sandbox's master key (it wraps all key material in the database), protected with
 * Electron's safeStorage where the OS offers a real secret store: Keychain on macOS, DPAPI
 * on Windows, libsecret or KWallet on Linux. On Linux without one, safeStorage would use a
 * hard-coded password ("basic_text"), which protects nothing: then the key stays in a file
 * only the user can read, as `kms-study serve` keeps it, and the caller is told.
 *
 * Loaded once, before the sandbox opens (safeStorage is asynchronous; the sandbox's
 * MasterKeyProvider is not).
 */
import { chmodSync, existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileMasterKey, masterKeyPath, type MasterKeyProvider } from '../core/store/master-key';
import type { RandomSource } from '../core/shared/random';

/** What this module needs of Electron's safeStorage. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  getSelectedStorageBackend?(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

export interface LoadedMasterKey {
  provider: MasterKeyProvider;
  protection: 'os' | 'file';
  /** Set when the key could not be given the OS's protection. */
  warning?: string;
}

export const protectedKeyPath = (databasePath: string): string => `${databasePath}.master-key.safe`;

/** Linux backends that are not a secret store. */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

async function osProtectionAvailable(safeStorage: SafeStorageLike, platform: string): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  if (platform === 'linux') return !WEAK_BACKENDS.has(safeStorage.getSelectedStorageBackend?.() ?? 'unknown');
  return true;
}

function decodeKey(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`The master key in ${file} is damaged (expected 32 bytes).`);
  return key;
}

/** Writes beside the target and renames, so a crash never leaves half a key. */
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, data, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

export async function loadMasterKey(options: {
  databasePath: string;
  safeStorage: SafeStorageLike;
  platform: string;
  random: RandomSource;
}): Promise<LoadedMasterKey> {
  const { databasePath, safeStorage, platform, random } = options;
  const sealedFile = protectedKeyPath(databasePath);
  const plainFile = masterKeyPath(databasePath);
  const available = await osProtectionAvailable(safeStorage, platform);
  const keep = (key: Buffer): LoadedMasterKey => ({ provider: { load: () => key }, protection: 'os' });
  const seal = async (key: Buffer) =>
    writeAtomically(sealedFile, await safeStorage.encryptStringAsync(key.toString('base64')));

  if (existsSync(sealedFile)) {
    if (!available) {
      throw new Error(
        'The sandbox’s master key is protected by the system’s secret store, which is not available now; unlock it (or sign in to the desktop session) and start KMS Study again.',
      );
    }
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(readFileSync(sealedFile));
    const key = decodeKey(result, sealedFile);
    if (shouldReEncrypt) await seal(key);
    return keep(key);
  }
  if (available) {
    // A key kept in a plain file (before the secret store was available) moves into it.
    const key = existsSync(plainFile) ? decodeKey(readFileSync(plainFile, 'utf8'), plainFile) : random.bytes(32);
    await seal(key);
    if (existsSync(plainFile)) unlinkSync(plainFile);
    return keep(key);
  }
  return {
    provider: fileMasterKey(databasePath, random),
    protection: 'file',
    warning: `No system secret store is available, so the sandbox’s master key is kept in ${plainFile}, readable only by you.`,
  };
}
