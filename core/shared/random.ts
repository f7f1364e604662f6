import { createHash, randomBytes } from 'node:crypto';

/** Randomness is injected: key material comes from a CSPRNG passed in, tests may use a seeded source. */
export interface RandomSource {
  bytes(length: number): Buffer;
}

export const cryptoRandom: RandomSource = { bytes: (length) => randomBytes(length) };

/**
 * A deterministic source for tests and replays: SHA-256 in counter mode over a seed.
 * Never used for a real sandbox's key material.
 */
export function seededRandom(seed: string): RandomSource {
  let counter = 0;
  return {
    bytes(length: number): Buffer {
      const out = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const block = createHash('sha256').update(seed).update(String(counter++)).digest();
        filled += block.copy(out, filled, 0, Math.min(block.length, length - filled));
      }
      return out;
    },
  };
}

/** A random (version 4) UUID drawn from the given source. */
export function uuidFrom(random: RandomSource): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function hexFrom(random: RandomSource, bytes: number): string {
  return random.bytes(bytes).toString('hex');
}
