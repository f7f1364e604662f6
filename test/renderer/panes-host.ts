/**
 * Host calls of the playground's side panes and of the Stats view for component tests: added
 * to a FakeHost (fake-host.ts) by wrapping its invoke, with answers shaped as the contract's
 * types say (the real handlers are tested in test/unit/app and test/unit/authz).
 */
import type { HostApi } from '../../core/app/contract';
import type { CallExplanation } from '../../core/app/calls/authz';
import type { CloudTrailRecord } from '../../core/app/calls/audit';
import type { BillingReport } from '../../core/app/calls/billing';
import type { FakeHost } from './fake-host';

export type Handler = (request: Record<string, unknown>) => unknown;

/** Answers `handlers`' calls (a handler throws `{ code, message }` to fail); the FakeHost answers the rest. */
export function addCalls(host: FakeHost, handlers: Record<string, Handler>): void {
  const original = host.api.invoke.bind(host.api);
  host.api.invoke = (async (name: string, request: unknown) => {
    const handler = handlers[name];
    if (!handler) return original(name as never, request as never);
    host.calls.push([name, request]);
    try {
      return { ok: true, data: await handler((request ?? {}) as Record<string, unknown>) };
    } catch (e) {
      return { ok: false, error: e as { code: string; message: string } };
    }
  }) as HostApi['invoke'];
}

/** The requests of one call name that the host received, in order. */
export const requestsOf = (host: FakeHost, name: string): unknown[] =>
  host.calls.filter(([n]) => n === name).map(([, r]) => r);

export const DENIED_ID = '0b7e0c4c-1111-4a3b-9c1d-2f3e4d5c6b7a';
export const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DENY_MESSAGE = `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} with an explicit deny in a resource-based policy`;

/** A Decrypt an explicit Deny of the key policy refused (its condition matched). */
export const DENIED_DECRYPT: CallExplanation = {
  requestId: DENIED_ID,
  operation: 'Decrypt',
  time: Date.UTC(2026, 10, 28, 12, 0, 0),
  region: 'us-east-1',
  caller: { arn: 'arn:aws:iam::111122223333:user/Admin', type: 'IAMUser', accountId: '111122223333' },
  outcome: 'Denied',
  error: { code: 'AccessDeniedException', message: DENY_MESSAGE },
  decisions: [
    {
      kind: 'key',
      action: 'kms:Decrypt',
      resource: KEY_ARN,
      allowed: false,
      deniedBy: 'explicit-resource',
      message: DENY_MESSAGE,
      summary: 'An explicit Deny in the key policy denies the call; nothing can override it.',
      steps: ['The caller and the key are both in account 111122223333.', 'Key policy: Denied by Statement 2.'],
      context: { 'kms:CallerAccount': '111122223333', 'kms:EncryptionContext:app': 'reports' },
      policies: [
        {
          source: `key policy of ${KEY_ARN}`,
          kind: 'key policy',
          decision: 'Deny',
          summary: 'Denied by Statement 2 (Sid "Decrypt only for payroll").',
          statements: [
            {
              label: 'Statement 1 (Sid "Enable IAM policies")',
              effect: 'Allow',
              applies: true,
              explanation: 'Statement 1 applies (Allow): Principal names the account.',
              conditions: [],
            },
            {
              label: 'Statement 2 (Sid "Decrypt only for payroll")',
              effect: 'Deny',
              applies: true,
              explanation: 'Statement 2 applies (Deny): every condition passed.',
              conditions: [
                {
                  operator: 'StringNotEquals',
                  key: 'kms:EncryptionContext:app',
                  passed: true,
                  requestValues: ['reports'],
                  policyValues: ['payroll'],
                  explanation: 'StringNotEquals kms:EncryptionContext:app passed: "reports" is not "payroll"',
                },
              ],
            },
          ],
        },
        {
          source: 'AWS managed policy AdministratorAccess attached to user Admin',
          kind: 'identity policy',
          decision: 'Allow',
          summary: 'Allowed by Statement 1.',
          statements: [
            {
              label: 'Statement 1',
              effect: 'Allow',
              applies: true,
              explanation: 'Statement 1 applies (Allow).',
              conditions: [],
            },
          ],
        },
      ],
      grants: [],
    },
  ],
  text: `Decrypt by arn:aws:iam::111122223333:user/Admin (request ${DENIED_ID}): Denied.`,
};

/** A Decrypt no statement allowed: the one Allow failed its kms:ViaService condition. */
export function viaServiceDenial(requestId: string): CallExplanation {
  const base = DENIED_DECRYPT.decisions[0]!;
  return {
    ...DENIED_DECRYPT,
    requestId,
    operation: 'Encrypt',
    decisions: [
      {
        ...base,
        action: 'kms:Encrypt',
        deniedBy: 'no-resource',
        summary: 'No statement of the key policy allows the call.',
        policies: [
          {
            source: `key policy of ${KEY_ARN}`,
            kind: 'key policy',
            decision: 'NoMatch',
            summary: 'No statement applies.',
            statements: [
              {
                label: 'Statement 1 (Sid "Allow access through EBS")',
                effect: 'Allow',
                applies: false,
                skippedAt: 'condition',
                explanation: 'Statement 1 does not apply: a condition failed.',
                conditions: [
                  {
                    operator: 'StringEquals',
                    key: 'kms:ViaService',
                    passed: false,
                    policyValues: ['ec2.us-east-1.amazonaws.com'],
                    explanation: 'StringEquals kms:ViaService failed: the request has no kms:ViaService',
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

export function trailEvent(
  n: number,
  eventName: string,
  extra: Partial<CloudTrailRecord> & Record<string, unknown> = {},
): CloudTrailRecord {
  return {
    eventVersion: '1.11',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/Admin', userName: 'Admin' },
    eventTime: `2026-11-28T12:${String(59 - (n % 60)).padStart(2, '0')}:00Z`,
    eventSource: 'kms.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    requestID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    eventID: `11111111-0000-4000-8000-${String(n).padStart(12, '0')}`,
    readOnly: false,
    resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: KEY_ARN }],
    ...extra,
  };
}

export function bill(month: string, total: number, projected = total): BillingReport {
  return {
    month,
    asOf: `${month}-15T00:00:00.000Z`,
    currency: 'USD',
    priceListSource: 'https://aws.amazon.com/kms/pricing/',
    priceListCheckedOn: '2026-11-28',
    keys: [
      {
        account: '111122223333',
        region: 'us-east-1',
        keyArn: KEY_ARN,
        keyManager: 'CUSTOMER',
        keySpec: 'SYMMETRIC_DEFAULT',
        hours: 340,
        rotationsBilled: 0,
        storage: total,
        requests: 25_000,
        requestCharges: 0.075,
      },
    ],
    categories: [
      {
        category: 'symmetric',
        label: 'Symmetric, HMAC and management requests',
        requests: 25_000,
        freeRequests: 20_000,
        cost: 0.015,
      },
      { category: 'rsa2048', label: 'Requests involving RSA 2048 keys', requests: 0, freeRequests: 0, cost: 0 },
    ],
    accounts: [
      {
        account: '111122223333',
        storage: total,
        requests: 25_000,
        freeRequests: 20_000,
        requestCost: 0.015,
        total,
        projectedTotal: projected,
      },
    ],
    total,
    projectedTotal: projected,
  };
}
