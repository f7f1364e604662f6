/**
 * The explanation of an evaluation: which statements applied or were skipped, and why, with
 * the values each condition compared.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, formatEvaluation, parsePolicy, type RequestContext } from '../../../core/policy';
import { defaultKeyPolicy } from '../../../core/kms/default-policies';
import { ACCOUNT, alice, KEY_ARN, session } from './cases/types';

const USE_KEY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Admins',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'Use',
      Effect: 'Allow',
      Principal: { AWS: alice.arn },
      Action: ['kms:Encrypt', 'kms:Decrypt'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': 'ec2.us-east-1.amazonaws.com',
          'kms:EncryptionContext:team': '${aws:PrincipalTag/Team}',
        },
        'ForAllValues:StringLike': { 'kms:EncryptionContextKeys': ['team', 'app-*'] },
      },
    },
    { Effect: 'Deny', NotPrincipal: { AWS: alice.arn }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
    { Effect: 'Allow', Principal: '*', Action: 'kms:DescribeKey' },
    { Effect: 'Allow', Principal: '*', NotAction: 'kms:*', Resource: `arn:aws:kms:*:${ACCOUNT}:key/\${aws:username}` },
  ],
};
const policy = parsePolicy(JSON.stringify(USE_KEY), { kind: 'key' });
const evaluate = (request: Partial<RequestContext>) =>
  evaluatePolicy(policy, { principal: alice, action: 'kms:Encrypt', resource: KEY_ARN, ...request });
const GOOD_KEYS = {
  'kms:ViaService': 'ec2.us-east-1.amazonaws.com',
  'kms:EncryptionContext:team': 'blue',
  'kms:EncryptionContextKeys': ['team', 'app-x'],
};

describe('explaining an evaluation', () => {
  it('lists every statement with why it applied or not', () => {
    const result = evaluate({ keys: GOOD_KEYS });
    expect(result.decision).toBe('Allow');
    expect(result.via).toBe('principal');
    expect(result.deciding.map((s) => s.sid)).toEqual(['Use']);
    expect(formatEvaluation(result)).toBe(
      [
        'Allowed by Statement 2 (Sid "Use"), which names the caller.',
        `- Statement 1 (Sid "Admins") does not apply: Principal "arn:aws:iam::${ACCOUNT}:role/Admin" does not name the caller ${alice.arn}.`,
        `- Statement 2 (Sid "Use") applies (Allow): Principal "${alice.arn}" names the user ${alice.arn}; the action kms:Encrypt matches "kms:Encrypt"; the resource matches "*"; every condition passed (StringEquals kms:ViaService passed: request value "ec2.us-east-1.amazonaws.com" equals "ec2.us-east-1.amazonaws.com"; StringEquals kms:EncryptionContext:team passed: request value "blue" equals "blue"; ForAllValues:StringLike kms:EncryptionContextKeys passed: request value "team" matches "team", request value "app-x" matches "app-*"; ForAllValues needs every request value to match one of the policy values).`,
        '- Statement 3 does not apply: the action kms:Encrypt does not match Action "kms:ScheduleKeyDeletion".',
        '- Statement 4 does not apply: it has no Resource element, and a key policy statement without one has no effect.',
        '- Statement 5 does not apply: the action kms:Encrypt matches NotAction "kms:*".',
      ].join('\n'),
    );
  });

  it('names the failed condition with the values it compared', () => {
    const result = evaluate({ keys: { ...GOOD_KEYS, 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });
    expect(result.decision).toBe('NoMatch');
    expect(result.summary).toBe(`No statement allows kms:Encrypt for ${alice.arn} on ${KEY_ARN}: implicitly denied.`);
    const use = result.statements[1]!;
    expect(use.skippedAt).toBe('condition');
    expect(use.explanation).toBe(
      'Statement 2 (Sid "Use") does not apply: condition StringEquals kms:ViaService failed: request value "s3.us-east-1.amazonaws.com" does not equal "ec2.us-east-1.amazonaws.com".',
    );
    expect(use.conditions[0]).toEqual({
      operator: 'StringEquals',
      key: 'kms:ViaService',
      passed: false,
      requestValues: ['s3.us-east-1.amazonaws.com'],
      policyValues: ['ec2.us-east-1.amazonaws.com'],
      explanation:
        'StringEquals kms:ViaService failed: request value "s3.us-east-1.amazonaws.com" does not equal "ec2.us-east-1.amazonaws.com"',
    });
    // Every condition is evaluated and reported, not only the first that failed.
    expect(use.conditions.map((c) => c.passed)).toEqual([false, true, true]);
  });

  it('says when a key is missing, and which rule let a missing key pass', () => {
    const result = evaluate({ keys: { 'kms:EncryptionContext:team': 'blue' } });
    const [via, team, keys] = result.statements[1]!.conditions;
    expect(via?.explanation).toBe('StringEquals kms:ViaService failed: kms:ViaService is not in the request');
    expect(via?.requestValues).toBeUndefined();
    expect(team?.passed).toBe(true);
    expect(keys?.explanation).toBe(
      'ForAllValues:StringLike kms:EncryptionContextKeys passed: kms:EncryptionContextKeys is not in the request, and ForAllValues passes a missing or empty key',
    );
  });

  it('explains a ForAllValues failure value by value', () => {
    const result = evaluate({ keys: { ...GOOD_KEYS, 'kms:EncryptionContextKeys': ['team', 'other'] } });
    expect(result.statements[1]!.explanation).toBe(
      'Statement 2 (Sid "Use") does not apply: condition ForAllValues:StringLike kms:EncryptionContextKeys failed: request value "team" matches "team", request value "other" does not match "team" or "app-*"; ForAllValues needs every request value to match one of the policy values.',
    );
  });

  it('shows policy values with variables expanded, and a variable without a value', () => {
    const tagged = evaluate({ keys: { ...GOOD_KEYS, 'kms:EncryptionContext:team': 'red' } });
    expect(tagged.statements[1]!.conditions[1]).toMatchObject({ policyValues: ['blue'], passed: false });
    const untagged = evaluate({ principal: { ...alice, tags: {} }, keys: GOOD_KEYS });
    expect(untagged.statements[1]!.conditions[1]!.explanation).toBe(
      'StringEquals kms:EncryptionContext:team failed: request value "blue" does not equal any policy value; the policy value "${aws:PrincipalTag/Team}" matches nothing, as ${aws:PrincipalTag/Team} has no value in the request',
    );
  });

  it('explains an explicit deny and NotPrincipal', () => {
    const result = evaluate({ principal: session, action: 'kms:ScheduleKeyDeletion' });
    expect(result.decision).toBe('Deny');
    expect(result.summary).toBe(`Explicitly denied by Statement 3: kms:ScheduleKeyDeletion on ${KEY_ARN}.`);
    expect(result.statements[2]!.explanation).toBe(
      `Statement 3 applies (Deny): NotPrincipal does not name account ${ACCOUNT}; the action kms:ScheduleKeyDeletion matches "kms:ScheduleKeyDeletion"; the resource matches "*".`,
    );
    const aliceAlone = evaluate({ action: 'kms:ScheduleKeyDeletion' });
    expect(aliceAlone.statements[2]!.principal).toEqual({ via: 'principal', identity: `account ${ACCOUNT}` });
  });

  it('explains Resource with a variable, NotAction and a missing variable', () => {
    const own = evaluate({ action: 's3:GetObject' });
    expect(own.statements[4]!.explanation).toBe(
      `Statement 5 does not apply: the resource ${KEY_ARN} does not match Resource "arn:aws:kms:*:${ACCOUNT}:key/alice".`,
    );
    const mine = evaluate({ action: 's3:GetObject', resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/alice` });
    expect(mine.statements[4]!.explanation).toBe(
      `Statement 5 applies (Allow): Principal "*" names the user ${alice.arn}; the action s3:GetObject is not in NotAction; the resource matches "arn:aws:kms:*:${ACCOUNT}:key/alice".`,
    );
    const sessionCall = evaluate({ principal: session, action: 's3:GetObject' });
    expect(sessionCall.statements[4]!.explanation).toBe(
      `Statement 5 does not apply: the resource ${KEY_ARN} does not match Resource "arn:aws:kms:*:${ACCOUNT}:key/\${aws:username} (\${aws:username} has no value, so it matches nothing)".`,
    );
  });

  it('tells an allow through the account from one that names the caller', () => {
    const key = parsePolicy(defaultKeyPolicy(ACCOUNT), { kind: 'key' });
    const result = evaluatePolicy(key, { principal: alice, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(result.via).toBe('account');
    expect(result.summary).toBe(
      `Allowed by Statement 1 (Sid "Enable IAM User Permissions") through the account principal: IAM policies of account ${ACCOUNT} must also allow kms:Encrypt.`,
    );
    expect(result.statements[0]!.principal).toEqual({
      via: 'account',
      named: `arn:aws:iam::${ACCOUNT}:root`,
      identity: `account ${ACCOUNT}`,
    });
    expect(result.statements[0]!.explanation).toBe(
      `Statement 1 (Sid "Enable IAM User Permissions") applies (Allow): Principal "arn:aws:iam::${ACCOUNT}:root" names account ${ACCOUNT}, which delegates to the account's IAM policies; the action kms:Encrypt matches "kms:*"; the resource matches "*".`,
    );
  });

  it('explains NotPrincipal leaving the caller out', () => {
    const key = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [alice.arn, ACCOUNT] }, Action: 'kms:*', Resource: '*' }],
      }),
      { kind: 'key' },
    );
    const result = evaluatePolicy(key, { principal: alice, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(result.statements[0]!.explanation).toBe(
      `Statement 1 does not apply: NotPrincipal names every identity of the caller (account ${ACCOUNT}, the user ${alice.arn}), so the statement leaves it out.`,
    );
  });

  it('summarises identity policies without a principal', () => {
    const identity = parsePolicy(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }),
      { kind: 'identity' },
    );
    const allowed = evaluatePolicy(identity, { principal: alice, action: 'kms:Decrypt', resource: KEY_ARN });
    expect(allowed.summary).toBe('Allowed by Statement 1.');
    expect(allowed.via).toBeUndefined();
    const denied = evaluatePolicy(identity, { principal: alice, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(denied.summary).toBe(`No statement allows kms:Encrypt on ${KEY_ARN}: implicitly denied.`);
  });

  it('explains typed comparisons, Null, IfExists and negated operators', () => {
    const key = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 'kms:*',
            Resource: '*',
            Condition: {
              NumericLessThanEquals: { 'kms:RotationPeriodInDays': '180' },
              Null: { 'kms:GranteePrincipal': 'true' },
              IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' },
              StringNotEquals: { 'kms:CallerAccount': '444455556666' },
              DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
            },
          },
        ],
      }),
      { kind: 'key' },
    );
    const result = evaluatePolicy(key, {
      principal: alice,
      action: 'kms:EnableKeyRotation',
      resource: KEY_ARN,
      keys: { 'kms:RotationPeriodInDays': 'ninety', 'aws:CurrentTime': '2026-01-15T12:00:00Z' },
    });
    expect(result.statements[0]!.conditions.map((c) => c.explanation)).toEqual([
      'NumericLessThanEquals kms:RotationPeriodInDays failed: request value "ninety" is not at most "180"; "ninety" is not a number',
      'Null kms:GranteePrincipal passed: kms:GranteePrincipal is not in the request, and Null asks for it to be absent ("true")',
      'IpAddressIfExists aws:SourceIp passed: aws:SourceIp is not in the request, and IfExists passes a missing key',
      'StringNotEquals kms:CallerAccount passed: kms:CallerAccount is not in the request, and a negated operator passes a missing key',
      'DateLessThan aws:CurrentTime failed: request value "2026-01-15T12:00:00Z" is not before "2026-01-01T00:00:00Z"',
    ]);
  });
});
