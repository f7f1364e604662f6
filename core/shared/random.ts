import { createHash, randomFillSync } from 'node:crypto';

/** Randomness is injected: key material comes from a CSPRNG passed in, tests may use a seeded source. */
export interface RandomSource {
  bytes(length: number): Buffer;
}

/**
 * The operating system's CSPRNG, drawn in 4 KiB blocks: a call per IV or request id to the
 * kernel would cost more than the AES-GCM it feeds. Each byte is handed out once.
 */
export const cryptoRandom: RandomSource = (() => {
  const POOL = 4096;
  let pool = Buffer.alloc(0);
  let offset = POOL;
  return {
    bytes(length: number): Buffer {
      if (length > POOL / 4) return randomFillSync(Buffer.alloc(length));
      if (offset + length > pool.length) {
        pool = randomFillSync(Buffer.allocUnsafe(POOL));
        offset = 0;
      }
      const out = Buffer.from(pool.subarray(offset, offset + length));
      pool.fill(0, offset, offset + length);
      offset += length;
      return out;
    },
  };
})();

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
