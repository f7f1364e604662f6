/**
 * The per-install master key that wraps key material. Beside a file database it is kept in
 * `<database>.master-key` (owner-only permissions); the desktop shell supplies its own
 * provider that protects it with the OS keychain.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RandomSource } from '../shared/random';

export interface MasterKeyProvider {
  /** Returns the master key, creating it on first use. */
  load(): Buffer;
}

export const masterKeyPath = (databasePath: string): string => `${databasePath}.master-key`;

export function fileMasterKey(databasePath: string, random: RandomSource): MasterKeyProvider {
  const file = masterKeyPath(databasePath);
  return {
    load() {
      if (existsSync(file)) {
        const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
        if (key.length !== 32) throw new Error(`The master key file ${file} is damaged (expected 32 bytes).`);
        return key;
      }
      const key = random.bytes(32);
      writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
      return key;
    },
  };
}

/** For `:memory:` databases: a key that lives as long as the process. */
export function ephemeralMasterKey(random: RandomSource): MasterKeyProvider {
  let key: Buffer | undefined;
  return { load: () => (key ??= random.bytes(32)) };
}
