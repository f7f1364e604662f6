/**
 * Starter snippets for the playground's side panes: a call a key policy denies (and its
 * Why?), kms:ViaService allowing through EC2 what it denies directly, and throttling with
 * the request quotas scaled down. Part of SNIPPETS (snippets.ts); kept apart because they
 * teach with the panes rather than with the SDK alone.
 */
import type { Snippet } from './snippets';

const L = (
  id: string,
  family: string,
  title: string,
  summary: string,
  code: string,
  expectedErrors: readonly string[] = [],
): Snippet => ({ id, family, title, summary, code: code.replace(/^\n/, ''), expectedErrors });

export const LESSON_SNIPPETS: readonly Snippet[] = [
  L(
    'denied-why',
    'Authorization',
    'A denied call, and why',
    'A key policy denies Decrypt outside one encryption context; Why? shows the statement.',
    `
import { KMSClient, CreateKeyCommand, PutKeyPolicyCommand, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'payroll data' }));
const KeyId = KeyMetadata!.KeyId!;
const account = KeyMetadata!.AWSAccountId!;

// IAM policies decide as usual, but no one may decrypt outside the payroll application's context.
const policy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: \`arn:aws:iam::\${account}:root\` }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'Decrypt only for payroll',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringNotEquals: { 'kms:EncryptionContext:app': 'payroll' } },
    },
  ],
};
await kms.send(new PutKeyPolicyCommand({ KeyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));

const { CiphertextBlob } = await kms.send(
  new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode('salaries.csv'), EncryptionContext: { app: 'payroll' } }),
);

try {
  await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'reports' } }));
} catch (e) {
  const { name, message } = e as Error;
  console.log(\`\${name}: \${message}\`);
  console.log('Press Why? beside the denied Decrypt call: the Deny statement applied because its condition matched.');
}

// With the payroll context the Deny's condition fails, so the statement does not apply.
const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'payroll' } }));
export default new TextDecoder().decode(Plaintext);
`,
    ['AccessDeniedException'],
  ),
  L(
    'via-service',
    'Authorization',
    'kms:ViaService: through EC2, not directly',
    'The AWS managed key for EBS works through EC2 only: compare a direct call with the same call via ec2.',
    `
import { KMSClient, DescribeKeyCommand, GetKeyPolicyCommand, EncryptCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
// The AWS managed key for EBS. Its key policy lets the account use it only through EC2.
const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }));
const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId!, PolicyName: 'default' }));
const [throughEbs] = JSON.parse(Policy!).Statement;
console.log('Condition of', JSON.stringify(throughEbs.Sid) + ':', JSON.stringify(throughEbs.Condition));

try {
  await kms.send(new EncryptCommand({ KeyId: 'alias/aws/ebs', Plaintext: new TextEncoder().encode('a volume key') }));
} catch (e) {
  const { name, message } = e as Error;
  console.log(\`Directly: \${name}: \${message}\`);
  console.log('Now press "via ec2" beside the Encrypt call: EC2 sends the same request on your behalf, and Why? shows kms:ViaService matching.');
}
export default KeyMetadata!.Arn;
`,
    ['AccessDeniedException'],
  ),
  L(
    'throttling',
    'Quotas',
    'Throttling at 1% quotas',
    'Scale the request quotas down to 1% (Sandbox pane) and watch ThrottlingException happen.',
    `
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';

// First turn request quotas on at 1% of AWS's rates: the Sandbox pane, or the command
// "Throttle: request quotas at 1%". ListKeys' 500 requests a second then become 5.
const noRetries = new KMSClient({ maxAttempts: 1 });
let answered = 0;
const throttled: string[] = [];
for (let i = 0; i < 12; i++) {
  try {
    await noRetries.send(new ListKeysCommand({ Limit: 1 }));
    answered++;
  } catch (e) {
    if ((e as Error).name !== 'ThrottlingException') throw e;
    throttled.push((e as Error).message);
  }
}
console.log(\`\${answered} answered, \${throttled.length} throttled\${throttled.length ? \` ("\${throttled[0]}")\` : ''}\`);
if (throttled.length === 0) console.log('Nothing was throttled: turn the quotas on at 1% and run again.');

// By default the SDK retries a throttled call, backing off between attempts (3 in all).
const withRetries = new KMSClient({});
try {
  const { $metadata } = await withRetries.send(new ListKeysCommand({ Limit: 1 }));
  console.log(\`With retries: answered after \${$metadata.attempts} attempt(s), \${$metadata.totalRetryDelay} ms of back-off.\`);
} catch (e) {
  console.log(\`With retries: still \${(e as Error).name} after every attempt.\`);
}
export default { answered, throttled: throttled.length };
`,
  ),
];
