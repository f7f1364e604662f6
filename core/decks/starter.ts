/** The deck `deck init` writes: one card of each kind, with sources, that lints clean. */
import type { Card, DeckManifest } from './model';

export function starterDeck(id: string, today: string): { manifest: DeckManifest; cards: Card[] } {
  const name = id
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
  const prefix = id.slice(0, 40);
  return {
    manifest: {
      schemaVersion: 1,
      id,
      name,
      version: '0.1.0',
      author: 'Your name',
      licence: 'CC-BY-4.0',
      description: 'What this deck covers and for which exam.',
      domains: { 'data-protection': 'SCS-C02 Domain 5: Data Protection' },
    },
    cards: [
      {
        id: `${prefix}-001`,
        kind: 'basic',
        front: 'What is the largest plaintext the KMS `Encrypt` operation accepts?',
        back: '4,096 bytes. For more data, use envelope encryption:\n\n```sh\naws kms generate-data-key --key-id alias/my-key --key-spec AES_256\n```\n\nthen encrypt locally with the plaintext data key.',
        tags: ['encrypt', 'limits'],
        domain: 'data-protection',
        source: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html',
        verifiedOn: today,
      },
      {
        id: `${prefix}-002`,
        kind: 'cloze',
        front: 'A KMS key scheduled for deletion waits {{c1::7 to 30::range}} days, {{c2::30::default}} by default.',
        back: 'During the waiting period the key is `PendingDeletion` and cannot be used; `CancelKeyDeletion` brings it back.',
        tags: ['key-lifecycle'],
        domain: 'data-protection',
        source: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
        verifiedOn: today,
      },
      {
        id: `${prefix}-003`,
        kind: 'mcq',
        front: 'Which operation returns a data key both in plaintext and encrypted under a KMS key?',
        options: [
          { text: '`GenerateDataKey`', correct: true, explanation: 'It returns `Plaintext` and `CiphertextBlob`.' },
          {
            text: '`GenerateDataKeyWithoutPlaintext`',
            correct: false,
            explanation: 'It returns only the encrypted copy, for use later.',
          },
          { text: '`GenerateRandom`', correct: false, explanation: 'It returns random bytes not tied to any KMS key.' },
        ],
        tags: ['envelope-encryption'],
        domain: 'data-protection',
        source: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html',
        verifiedOn: today,
      },
    ],
  };
}
