/** Cards for the study and deck component tests: one of each kind the views render differently. */
import type { Card } from './study-library-host';

/** A small deck: two basic cards (one with a code block), a cloze card and a multiple-choice card. */
export const SAMPLE_CARDS: Card[] = [
  {
    id: 'kms-1',
    kind: 'basic',
    front: 'What is the largest plaintext `Encrypt` takes?',
    back: '**4096 bytes.** Larger data uses envelope encryption:\n\n```bash\naws kms generate-data-key --key-id alias/app --key-spec AES_256\n```',
    tags: ['kms', 'limits'],
    source: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html',
  },
  {
    id: 'kms-2',
    kind: 'cloze',
    front:
      'A key ARN looks like `arn:aws:kms:{{c1::us-east-2}}:111122223333:key/…`; an alias name starts with {{c2::alias/::prefix}}.',
    back: 'Use the key ARN or alias ARN across accounts.',
    tags: ['identifiers'],
  },
  {
    id: 'kms-3',
    kind: 'mcq',
    front: 'Which call returns only an encrypted data key?',
    back: 'Use it when the data is encrypted later, elsewhere.',
    options: [
      { text: '`GenerateDataKey`', correct: false, explanation: 'It also returns the plaintext key.' },
      { text: '`GenerateDataKeyWithoutPlaintext`', correct: true, explanation: 'Only the encrypted copy comes back.' },
      { text: '`GenerateRandom`', correct: false, explanation: 'It returns random bytes, not a key.' },
    ],
    tags: ['mcq'],
  },
  {
    id: 'kms-4',
    kind: 'basic',
    front: 'How long is the shortest key deletion wait?',
    back: '7 days.',
    tags: ['deletion'],
  },
];
