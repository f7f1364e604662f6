/**
 * Authorization cost: in-process Encrypt throughput (1 KB, persistence on, the whole pipeline
 * with its audit, meter and explanation) by a user with 5 identity policies carrying conditions
 * on a key whose policy has 20 statements (the allowing one last), as a ratio to the same
 * Encrypt by the Admin on a key with the default key policy, in the same run. Runs alternate
 * and the median of each is kept, so a noisy neighbour hits both sides alike.
 */
import { randomBytes } from 'node:crypto';
import { Sandbox } from '../../core/app/sandbox';
import { callerFor } from '../../core/iam/authenticate';
import { fmt, median, opsPerSecond } from './measure';
import type { BenchResult } from './types';

const LEARNER = '111122223333';
const PLAINTEXT = randomBytes(1024).toString('base64');
const CONTEXT = { tenant: 'acme', app: 'billing' };

function keyPolicy(user: string): string {
  const filler = Array.from({ length: 19 }, (_, i) => ({
    Sid: `Other${i}`,
    Effect: i % 5 === 0 ? 'Deny' : 'Allow',
    Principal: { AWS: `arn:aws:iam::${LEARNER}:user/Someone${i}` },
    Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
    Resource: '*',
    Condition: { StringEquals: { [`kms:EncryptionContext:k${i}`]: `v${i}` }, Bool: { 'aws:SecureTransport': 'true' } },
  }));
  const allow = {
    Sid: 'Use',
    Effect: 'Allow',
    Principal: { AWS: user },
    Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'],
    Resource: '*',
    Condition: { StringEquals: { 'kms:CallerAccount': LEARNER, 'kms:EncryptionContext:tenant': 'acme' } },
  };
  return JSON.stringify({ Version: '2012-10-17', Statement: [...filler, allow] });
}

function identityPolicies(): Record<string, string> {
  const policies: Record<string, string> = {};
  for (let i = 0; i < 5; i++) {
    policies[`p${i}`] = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt'],
          Resource: `arn:aws:kms:*:${LEARNER}:key/*`,
          Condition: {
            StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
            'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenant', 'app'] },
            DateLessThan: { 'aws:CurrentTime': '2100-01-01T00:00:00Z' },
          },
        },
        {
          Effect: 'Deny',
          Action: 'kms:ScheduleKeyDeletion',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    });
  }
  return policies;
}

export async function run(): Promise<BenchResult[]> {
  // In memory: this measures authorization, and disk writes (checkpoints) would only add noise to both sides.
  const sandbox = new Sandbox({ path: ':memory:', quotas: { enabled: false, scale: 1 } });
  try {
    const admin = callerFor('user', `arn:aws:iam::${LEARNER}:user/Admin`, LEARNER, 'AIDAADMIN', 'Admin');
    const userArn = `arn:aws:iam::${LEARNER}:user/Bench`;
    sandbox.db.transaction(() =>
      sandbox.iam.putPrincipal({
        arn: userArn,
        accountId: LEARNER,
        kind: 'user',
        name: 'Bench',
        principalId: 'AIDABENCHUSER0000000',
        path: '/',
        createDate: sandbox.now(),
        tags: [{ Key: 'team', Value: 'blue' }],
        inlinePolicies: identityPolicies(),
      }),
    )();
    const user = callerFor('user', userArn, LEARNER, 'AIDABENCHUSER0000000', 'Bench');
    user.sourceIp = '127.0.0.1';
    const create = (policy?: string) => {
      const out = sandbox.engine.invoke(
        admin,
        'us-east-1',
        'CreateKey',
        policy ? { Policy: policy, BypassPolicyLockoutSafetyCheck: true } : {},
      );
      if (!out.ok) throw new Error(out.error.message);
      return ((out.output as Record<string, unknown>)['KeyMetadata'] as Record<string, string>)['KeyId']!;
    };
    const plainKey = create();
    const guardedKey = create(keyPolicy(userArn));
    const encrypt = (caller: typeof admin, KeyId: string) => () => {
      const out = sandbox.engine.invoke(caller, 'us-east-1', 'Encrypt', {
        KeyId,
        Plaintext: PLAINTEXT,
        EncryptionContext: CONTEXT,
      });
      if (!out.ok) throw new Error(out.error.message);
    };
    const baselineRuns: number[] = [];
    const measuredRuns: number[] = [];
    for (let i = 0; i < 9; i++) {
      baselineRuns.push(opsPerSecond(encrypt(admin, plainKey), 1000, 200));
      measuredRuns.push(opsPerSecond(encrypt(user, guardedKey), 1000, 200));
    }
    const baseline = median(baselineRuns);
    const measured = median(measuredRuns);
    return [
      {
        name: 'Encrypt 1 KB, 20-statement key policy + 5 identity policies with conditions',
        baseline: 'the same Encrypt with the default key policy (Admin, AdministratorAccess)',
        ratio: measured / baseline,
        detail: `${fmt(measured)} vs ${fmt(baseline)} calls/s (medians of 9 alternating runs)`,
      },
    ];
  } finally {
    sandbox.close();
  }
}
