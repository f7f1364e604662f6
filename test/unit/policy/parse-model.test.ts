/**
 * The typed model parsePolicy returns, the parse options, and what a PolicyError carries.
 */
import { describe, expect, it } from 'vitest';
import { isPolicyError, parsePolicy, PolicyError, type ParseOptions, type PrincipalEntry } from '../../../core/policy';
import { ACCOUNT, ROLE_ARN, SESSION_ARN } from './cases/types';

function errorOf(text: string, options: ParseOptions): PolicyError {
  try {
    parsePolicy(text, options);
  } catch (e) {
    if (isPolicyError(e)) return e;
    throw e;
  }
  throw new Error('parsed without error');
}

describe('the parsed model', () => {
  it('reads Version, Id and a single statement object', () => {
    const policy = parsePolicy(
      '{"Statement": {"Effect": "Deny", "Principal": "*", "NotAction": "kms:Describe*", "NotResource": "arn:aws:kms:*:*:alias/*"}}',
      {
        kind: 'key',
      },
    );
    expect(policy).toEqual({
      kind: 'key',
      version: '2008-10-17',
      versionGiven: false,
      statements: [
        {
          index: 1,
          effect: 'Deny',
          principal: { negated: false, entries: [{ type: '*', kind: 'everyone', value: '*' }] },
          action: { negated: true, patterns: ['kms:Describe*'] },
          resource: {
            negated: true,
            patterns: [
              {
                text: 'arn:aws:kms:*:*:alias/*',
                segments: [
                  [{ kind: 'text', text: 'arn' }],
                  [{ kind: 'text', text: 'aws' }],
                  [{ kind: 'text', text: 'kms' }],
                  [{ kind: 'text', text: '*' }],
                  [{ kind: 'text', text: '*' }],
                  [{ kind: 'text', text: 'alias/*' }],
                ],
              },
            ],
          },
          conditions: [],
        },
      ],
    });
  });

  it('reads every principal form', () => {
    const values = [
      '*',
      ACCOUNT,
      `arn:aws:iam::${ACCOUNT}:root`,
      `arn:aws:iam::${ACCOUNT}:user/division/alice`,
      ROLE_ARN,
      SESSION_ARN,
      `arn:aws:sts::${ACCOUNT}:federated-user/dana`,
      `arn:aws-cn:iam::${ACCOUNT}:root`,
    ];
    const policy = parsePolicy(
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Principal: {
            AWS: values,
            Service: ['ec2.amazonaws.com', 'logs.us-east-1.amazonaws.com', 'ec2.amazonaws.com.cn'],
            Federated: ['cognito-identity.amazonaws.com', `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`],
          },
          Action: 'kms:*',
          Resource: '*',
        },
      }),
      { kind: 'key' },
    );
    const entries: PrincipalEntry[] = [
      { type: 'AWS', kind: 'everyone', value: '*' },
      { type: 'AWS', kind: 'account', value: ACCOUNT, accountId: ACCOUNT },
      { type: 'AWS', kind: 'account', value: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
      {
        type: 'AWS',
        kind: 'user',
        value: `arn:aws:iam::${ACCOUNT}:user/division/alice`,
        accountId: ACCOUNT,
        name: 'alice',
      },
      { type: 'AWS', kind: 'role', value: ROLE_ARN, accountId: ACCOUNT, name: 'KeyAdmin' },
      {
        type: 'AWS',
        kind: 'assumed-role',
        value: SESSION_ARN,
        accountId: ACCOUNT,
        name: 'KeyAdmin',
        session: 'alice-session',
      },
      {
        type: 'AWS',
        kind: 'federated-user',
        value: `arn:aws:sts::${ACCOUNT}:federated-user/dana`,
        accountId: ACCOUNT,
        name: 'dana',
      },
      { type: 'AWS', kind: 'account', value: `arn:aws-cn:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
      { type: 'Service', kind: 'service', value: 'ec2.amazonaws.com' },
      { type: 'Service', kind: 'service', value: 'logs.us-east-1.amazonaws.com' },
      { type: 'Service', kind: 'service', value: 'ec2.amazonaws.com.cn' },
      { type: 'Federated', kind: 'federated', value: 'cognito-identity.amazonaws.com' },
      { type: 'Federated', kind: 'federated', value: `arn:aws:iam::${ACCOUNT}:saml-provider/Okta` },
    ];
    expect(policy.statements[0]!.principal).toEqual({ negated: false, entries });
  });

  it('reads condition operators into base, family, qualifier, IfExists and negation', () => {
    const policy = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'kms:*',
          Resource: '*',
          Condition: {
            'ForAllValues:StringNotLikeIfExists': { 'kms:EncryptionContextKeys': ['tmp-*', '${aws:username}'] },
            NumericLessThan: { 'kms:RotationPeriodInDays': [1.5, '90'] },
            Bool: { 'aws:SecureTransport': true },
          },
        },
      }),
      { kind: 'key' },
    );
    const [like, numeric, bool] = policy.statements[0]!.conditions;
    expect(like).toEqual({
      operator: {
        name: 'ForAllValues:StringNotLikeIfExists',
        base: 'StringNotLike',
        family: 'String',
        negated: true,
        qualifier: 'ForAllValues',
        ifExists: true,
      },
      key: 'kms:EncryptionContextKeys',
      values: ['tmp-*', '${aws:username}'],
      templates: [
        [{ kind: 'text', text: 'tmp-*' }],
        [{ kind: 'var', name: 'aws:username', source: '${aws:username}' }],
      ],
    });
    expect(numeric?.operator).toEqual({
      name: 'NumericLessThan',
      base: 'NumericLessThan',
      family: 'Numeric',
      negated: false,
      ifExists: false,
    });
    expect(numeric?.values).toEqual(['1.5', '90']);
    expect(bool?.values).toEqual(['true']);
  });

  it('reads variable defaults and escapes in Version 2012-10-17 only', () => {
    const condition = { StringLike: { 'kms:RequestAlias': "alias/${aws:username, 'guest'}-${*}" } };
    const doc = (version: string) =>
      JSON.stringify({
        Version: version,
        Statement: { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: condition },
      });
    expect(parsePolicy(doc('2012-10-17'), { kind: 'key' }).statements[0]!.conditions[0]!.templates[0]).toEqual([
      { kind: 'text', text: 'alias/' },
      { kind: 'var', name: 'aws:username', fallback: 'guest', source: "${aws:username, 'guest'}" },
      { kind: 'text', text: '-' },
      { kind: 'literal', text: '*' },
    ]);
    expect(parsePolicy(doc('2008-10-17'), { kind: 'key' }).statements[0]!.conditions[0]!.templates[0]).toEqual([
      { kind: 'text', text: "alias/${aws:username, 'guest'}-${*}" },
    ]);
  });

  it('accepts a key policy statement without Action or Resource, as KMS does', () => {
    const policy = parsePolicy('{"Statement": [{"Effect": "Allow", "Principal": "*"}]}', { kind: 'key' });
    expect(policy.statements[0]).toEqual({
      index: 1,
      effect: 'Allow',
      principal: { negated: false, entries: [{ type: '*', kind: 'everyone', value: '*' }] },
      conditions: [],
    });
  });

  it('reads AWS pretty-printed layout and white space', () => {
    const text =
      '{\r\n\t"Version" : "2012-10-17",\n  "Statement" : [ {\n "Effect" : "Allow", "Action" : "sts:AssumeRole",\n "Principal" : { "Service" : [ "ec2.amazonaws.com" ] } } ]\n}';
    expect(parsePolicy(text, { kind: 'trust' }).statements).toHaveLength(1);
  });

  it('does not count white space toward IAM size quotas', () => {
    const statement = { Effect: 'Allow', Action: 'kms:*', Resource: '*' };
    const padded = JSON.stringify({ Version: '2012-10-17', Statement: [statement] }).replace(
      /,/g,
      `,${' \n\t'.repeat(1000)}`,
    );
    expect(padded.length).toBeGreaterThan(6144);
    expect(parsePolicy(padded, { kind: 'identity' }).statements).toHaveLength(1);
  });
});

describe('parse options', () => {
  const principal = { AWS: [ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/Gone`] };
  const doc = JSON.stringify({
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' },
  });
  const trustDoc = JSON.stringify({ Statement: { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' } });

  it('maxSize changes the quota', () => {
    const error = errorOf(doc, { kind: 'key', maxSize: 100 });
    expect(error.message).toBe(
      `The key policy is ${doc.length} bytes, more than the key policy size quota of 100 bytes.`,
    );
    expect(error.limitExceeded).toBe(true);
  });

  it('principalExists refuses users and roles that do not exist', () => {
    const asked: string[] = [];
    const principalExists = (p: PrincipalEntry): boolean => {
      asked.push(p.value);
      return !p.value.endsWith('/Gone');
    };
    const error = errorOf(doc, { kind: 'key', principalExists });
    expect(asked).toEqual([`arn:aws:iam::${ACCOUNT}:role/Gone`]);
    expect({ message: error.message, detail: error.detail }).toEqual({
      message: 'Policy contains a statement with one or more invalid principals.',
      detail: `Statement 1: the IAM role "arn:aws:iam::${ACCOUNT}:role/Gone" does not exist.`,
    });
    const trust = errorOf(trustDoc, { kind: 'trust', principalExists });
    expect(trust.message).toBe(`Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:role/Gone"`);
  });
});

describe('PolicyError', () => {
  it('carries the fault, statement, element and position', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "Use", "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*",\n     "Condition": {"StringEquals": {"kms:ViaService": {}}}}\n  ]\n}';
    const error = errorOf(text, { kind: 'key' });
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.name).toBe('PolicyError');
    expect(error.fault).toBe('condition');
    expect(error.statement).toEqual({ index: 1, sid: 'Use' });
    expect(error.element).toBe('Condition');
    expect(error.position).toEqual({ line: 5, column: 55, offset: text.indexOf('{}}}}') });
    expect(error.limitExceeded).toBe(false);
  });

  it('is told apart from other errors', () => {
    expect(isPolicyError(new Error('x'))).toBe(false);
    expect(isPolicyError(errorOf('[]', { kind: 'key' }))).toBe(true);
  });
});
