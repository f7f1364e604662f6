/**
 * STS: who am I, and role sessions. AssumeRole evaluates the role's trust policy and, where
 * AWS requires it, the caller's own identity policies; the temporary credentials expire on
 * the sandbox clock. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import { evaluatePolicy, type ContextValue } from '../../policy';
import { AwsError } from '../../shared/aws-error';
import { parseArn } from '../../kms/arn';
import { decideIdentity, parseCached, requestPrincipal } from '../identity-policies';
import { iamId } from '../ids';
import { structListParam } from '../protocol/query';
import { ARN, optional, optionalInt, required, type IamHandler } from './context';
import { checkPolicyDocument } from './principals';
import { secretFrom } from './access-keys';

const SESSION_NAME = { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' };

const denied = (callerArn: string, role: string) =>
  new AwsError(
    'AccessDenied',
    `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${role}`,
    403,
  );

export const stsOperations: Record<string, IamHandler> = {
  GetCallerIdentity(ctx) {
    const { caller } = ctx;
    return { UserId: caller.principalId, Account: caller.accountId, Arn: caller.arn };
  },

  AssumeRole(ctx) {
    const roleArn = required(ctx, 'RoleArn', ARN);
    const sessionName = required(ctx, 'RoleSessionName', SESSION_NAME);
    const chained = ctx.caller.type === 'AssumedRole';
    const duration = optionalInt(ctx, 'DurationSeconds', 900, 43200) ?? 3600;
    const sessionPolicy = optional(ctx, 'Policy', { min: 1, max: 2048 });
    const externalId = optional(ctx, 'ExternalId', { min: 2, max: 1224 });
    const tags = structListParam(ctx.params, 'Tags', ['Key', 'Value']);
    const parsed = parseArn(roleArn);
    const role = parsed?.service === 'iam' ? ctx.iam.getPrincipal(roleArn) : undefined;
    // An unknown role is reported as AccessDenied, as AWS does, so roles cannot be probed.
    if (!role || role.kind !== 'role') throw denied(ctx.caller.arn, roleArn);
    if (chained && duration > 3600) {
      throw new AwsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    }
    if (duration > (role.maxSessionDuration ?? 3600)) {
      throw new AwsError(
        'ValidationError',
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
      );
    }
    if (sessionPolicy !== undefined) checkPolicyDocument(sessionPolicy, 'identity');
    const sessionTags: Record<string, string> = {};
    for (const t of tags) {
      if (!t['Key']) throw new AwsError('ValidationError', 'Every session tag needs a Key.');
      sessionTags[t['Key']] = t['Value'] ?? '';
    }
    const keys: Record<string, ContextValue> = {
      'sts:RoleSessionName': sessionName,
      'aws:TagKeys': Object.keys(sessionTags),
      ...Object.fromEntries(Object.entries(sessionTags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
      ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}),
    };
    const principal = ctx.iam.getPrincipal(ctx.caller.roleArn ?? ctx.caller.arn);
    const request = {
      principal: requestPrincipal(ctx.caller, principal),
      action: 'sts:AssumeRole',
      resource: role.arn,
      keys,
    };
    const trust = evaluatePolicy(parseCached(role.assumeRolePolicyDocument ?? '{}', 'trust'), request);
    if (trust.decision !== 'Allow') throw denied(ctx.caller.arn, role.arn);
    // Identity policies decide too when the trust policy trusts only the caller's account, and always across accounts.
    const identity = decideIdentity(ctx.iam, ctx.caller, request);
    if (identity.decision === 'Deny') throw denied(ctx.caller.arn, role.arn);
    const needsIdentity =
      ctx.caller.type !== 'Root' && (trust.via === 'account' || ctx.caller.accountId !== role.accountId);
    if (needsIdentity && identity.decision !== 'Allow') throw denied(ctx.caller.arn, role.arn);

    const accessKeyId = iamId('ASIA', ctx.random);
    const expiresAt = ctx.now + duration * 1000;
    const sessionToken = `FwoGZXIvYXdzE${ctx.random.bytes(180).toString('base64')}`;
    ctx.iam.putAccessKey({
      accessKeyId,
      secretAccessKey: secretFrom(ctx),
      principalArn: role.arn,
      status: 'Active',
      sessionToken,
      expiresAt,
      session: {
        roleArn: role.arn,
        sessionName,
        ...(Object.keys(sessionTags).length ? { tags: sessionTags } : {}),
        ...(sessionPolicy !== undefined ? { policy: sessionPolicy } : {}),
      },
      createdAt: ctx.now,
    });
    const stored = ctx.iam.getAccessKey(accessKeyId)!;
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: stored.secretAccessKey,
        SessionToken: sessionToken,
        Expiration: new Date(expiresAt),
      },
      AssumedRoleUser: {
        AssumedRoleId: `${role.principalId}:${sessionName}`,
        Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      },
      ...(sessionPolicy !== undefined || tags.length
        ? {
            PackedPolicySize: Math.min(
              100,
              Math.ceil(((sessionPolicy?.length ?? 0) + JSON.stringify(sessionTags).length) / 20),
            ),
          }
        : {}),
    };
  },
};
