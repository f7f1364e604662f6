/**
 * Grants: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 *
 * Grants are stored for the authorizer to read (state.listGrants, state.getGrant). The sandbox
 * has no eventual consistency: a grant is in effect as soon as CreateGrant returns.
 */
import { hexFrom } from '../../shared/random';
import { keyArn } from '../arn';
import { GRANT_NAME_PATTERN, PRINCIPAL_ID_PATTERN } from '../aws-patterns';
import { dryRunShape, grantTokensShape, keyIdShape, limitShape, markerShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { KmsError, limitExceeded, validation } from '../errors';
import {
  GRANT_OPERATIONS,
  checkGrantConstraints,
  checkGrantOperations,
  checkPrincipalArn,
  checkServicePrincipal,
  principalAccount,
} from '../grant-rules';
import { assertGrantTokens, issueGrantToken, readGrantToken } from '../grant-token';
import { anyKeyByIdOrArn, keyByIdOrArn } from '../key-ref';
import type { GrantRecord, KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { pageMembers } from '../paging';
import { authorizeKey, checkDryRun } from '../pipeline-helpers';
import { int, list, oneOf, str, stringMap, struct, type ShapeType } from '../shapes';
import type { GrantGrantee } from '../state';

/** Resource quotas: https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html */
export const MAX_GRANTS_PER_KEY = 50_000;
export const MAX_GRANTS_PER_GRANTEE_PER_KEY = 500;
/** ListGrants and ListRetirableGrants return at most 100 grants a page, 50 by default. */
const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;

const GRANT_ID = /^[0-9a-f]{64}$/;
const principalShape = str({ min: 1, max: 256, pattern: PRINCIPAL_ID_PATTERN });
const grantIdShape = str({ min: 1, max: 128 });
const pageLimit = (limit: number | undefined): number => Math.min(limit ?? DEFAULT_PAGE, MAX_PAGE);

const createGrantInput = struct({
  KeyId: keyIdShape,
  GranteePrincipal: principalShape.opt(),
  RetiringPrincipal: principalShape.opt(),
  Operations: list(oneOf(GRANT_OPERATIONS)),
  Constraints: struct({
    EncryptionContextSubset: stringMap().opt(),
    EncryptionContextEquals: stringMap().opt(),
    SourceArn: str({ min: 20, max: 2048 }).opt(),
  }).opt(),
  GrantTokens: grantTokensShape.opt(),
  Name: str({ min: 1, max: 256, pattern: GRANT_NAME_PATTERN }).opt(),
  DryRun: dryRunShape.opt(),
  GranteeServicePrincipal: principalShape.opt(),
  RetiringServicePrincipal: principalShape.opt(),
});
type CreateGrantInput = ShapeType<typeof createGrantInput>;

const invalidGrantId = (grantId: string) => new KmsError('InvalidGrantIdException', `Invalid grant ID '${grantId}'.`);
const grantNotFound = (grantId: string, arn?: string) =>
  new KmsError(
    'NotFoundException',
    arn === undefined
      ? `Grant ID '${grantId}' does not exist.`
      : `Grant ID '${grantId}' does not exist for key '${arn}'.`,
  );
const notAuthorized = (ctx: OperationContext, resource: string) =>
  new KmsError(
    'AccessDeniedException',
    `User: ${ctx.caller.arn} is not authorized to perform: kms:${ctx.operation} on resource: ${resource}`,
  );

/** The grant a CreateGrant request describes, checked as AWS checks it. */
function grantFrom(ctx: OperationContext, key: KeyRecord, input: CreateGrantInput, grantId: string): GrantRecord {
  if ((input.GranteePrincipal === undefined) === (input.GranteeServicePrincipal === undefined)) {
    throw validation('You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.');
  }
  if (input.RetiringPrincipal !== undefined && input.RetiringServicePrincipal !== undefined) {
    throw validation('You can specify either RetiringPrincipal or RetiringServicePrincipal, but not both.');
  }
  const grant: GrantRecord = {
    account: key.account,
    region: key.region,
    keyId: key.keyId,
    grantId,
    grantToken: '',
    creationDate: ctx.now,
    issuingAccount: ctx.account,
    operations: checkGrantOperations(key, input.Operations),
  };
  if (input.GranteePrincipal !== undefined) grant.granteePrincipal = checkPrincipalArn(input.GranteePrincipal);
  if (input.RetiringPrincipal !== undefined) grant.retiringPrincipal = checkPrincipalArn(input.RetiringPrincipal);
  const constraints = checkGrantConstraints(key, input.Constraints);
  if (input.GranteeServicePrincipal !== undefined) {
    grant.granteeServicePrincipal = checkServicePrincipal('GranteeServicePrincipal', input.GranteeServicePrincipal);
    if (constraints?.SourceArn === undefined) {
      throw validation('A grant for a GranteeServicePrincipal must have a SourceArn grant constraint.');
    }
    if (input.RetiringPrincipal === undefined && input.RetiringServicePrincipal === undefined) {
      throw validation(
        'A grant for a GranteeServicePrincipal must have a RetiringPrincipal or a RetiringServicePrincipal.',
      );
    }
  }
  if (input.RetiringServicePrincipal !== undefined) {
    grant.retiringServicePrincipal = checkServicePrincipal('RetiringServicePrincipal', input.RetiringServicePrincipal);
  }
  if (constraints) grant.constraints = constraints;
  if (input.Name !== undefined) grant.name = input.Name;
  return grant;
}

/** A grant's identity for the Name rule: "a CreateGrant request with identical parameters". */
function grantParameters(g: GrantRecord): string {
  const sorted = (m: Record<string, string> | undefined) =>
    m && Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify([
    g.granteePrincipal,
    g.granteeServicePrincipal,
    g.retiringPrincipal,
    g.retiringServicePrincipal,
    [...g.operations].sort(),
    sorted(g.constraints?.EncryptionContextEquals),
    sorted(g.constraints?.EncryptionContextSubset),
    g.constraints?.SourceArn,
  ]);
}

const granteeOf = (g: GrantRecord): GrantGrantee =>
  g.granteeServicePrincipal !== undefined
    ? { servicePrincipal: g.granteeServicePrincipal }
    : { principal: g.granteePrincipal! };

/** A grant as ListGrants and ListRetirableGrants return it. */
export function grantListEntry(g: GrantRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = { KeyId: keyArn(g.region, g.account, g.keyId), GrantId: g.grantId };
  if (g.name !== undefined) entry['Name'] = g.name;
  entry['CreationDate'] = new Date(g.creationDate);
  if (g.granteePrincipal !== undefined) entry['GranteePrincipal'] = g.granteePrincipal;
  if (g.retiringPrincipal !== undefined) entry['RetiringPrincipal'] = g.retiringPrincipal;
  entry['IssuingAccount'] = `arn:aws:iam::${g.issuingAccount}:root`;
  entry['Operations'] = [...g.operations];
  if (g.constraints !== undefined) entry['Constraints'] = g.constraints;
  if (g.granteeServicePrincipal !== undefined) entry['GranteeServicePrincipal'] = g.granteeServicePrincipal;
  if (g.retiringServicePrincipal !== undefined) entry['RetiringServicePrincipal'] = g.retiringServicePrincipal;
  return entry;
}

/** A grant of `key` by id; InvalidGrantIdException for a malformed id, NotFoundException for another key's. */
function grantOfKey(ctx: OperationContext, key: KeyRecord, grantId: string): GrantRecord {
  if (!GRANT_ID.test(grantId)) throw invalidGrantId(grantId);
  const grant = ctx.state.getGrant(key.account, key.region, grantId);
  if (!grant || grant.keyId !== key.keyId) throw grantNotFound(grantId, key.arn);
  return grant;
}

function onlyForServiceCallers(ctx: OperationContext, member: string): void {
  if (ctx.caller.type !== 'AWSService') {
    throw validation(`The ${member} filter is only usable by callers in a service principal.`);
  }
}

export const grantOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html */
  CreateGrant: op({
    input: createGrantInput,
    run(ctx, input) {
      const key = keyByIdOrArn(ctx, input.KeyId);
      assertGrantTokens(input.GrantTokens);
      // Authorizes (key policy, IAM, grants) and applies the key-state rule: only an Enabled key.
      authorizeKey(ctx, key, input);
      const grant = grantFrom(ctx, key, input, hexFrom(ctx.random, 32));
      checkDryRun(input);
      const token = (grantId: string) =>
        issueGrantToken({ account: key.account, region: key.region, grantId }, ctx.random);
      if (grant.name !== undefined) {
        const same = grantParameters(grant);
        const existing = ctx.state
          .findGrantsByName(key.account, key.region, key.keyId, grant.name)
          .find((g) => grantParameters(g) === same);
        if (existing) return { GrantToken: token(existing.grantId), GrantId: existing.grantId };
      }
      if (ctx.state.countGrants(key.account, key.region, key.keyId) >= MAX_GRANTS_PER_KEY) {
        throw limitExceeded(`${key.arn} already has ${MAX_GRANTS_PER_KEY} grants, the most a KMS key can have.`);
      }
      const grantee = granteeOf(grant);
      if (
        ctx.state.countGrantsForGrantee(key.account, key.region, key.keyId, grantee) >= MAX_GRANTS_PER_GRANTEE_PER_KEY
      ) {
        const who = 'principal' in grantee ? grantee.principal : grantee.servicePrincipal;
        throw limitExceeded(
          `${key.arn} already has ${MAX_GRANTS_PER_GRANTEE_PER_KEY} grants for ${who}, the most a grantee can have on one KMS key.`,
        );
      }
      grant.grantToken = token(grant.grantId);
      ctx.state.putGrant(grant);
      return { GrantToken: grant.grantToken, GrantId: grant.grantId };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html */
  ListGrants: op({
    input: struct({
      Limit: int(limitShape).opt(),
      Marker: markerShape.opt(),
      KeyId: keyIdShape,
      GrantId: grantIdShape.opt(),
      GranteePrincipal: principalShape.opt(),
      GranteeServicePrincipal: principalShape.opt(),
    }),
    key: anyKeyByIdOrArn,
    run(ctx, input, key) {
      if (input.GranteePrincipal !== undefined && input.GranteeServicePrincipal !== undefined) {
        throw validation('You can specify either GranteePrincipal or GranteeServicePrincipal, but not both.');
      }
      if (input.GranteeServicePrincipal !== undefined) onlyForServiceCallers(ctx, 'GranteeServicePrincipal');
      const grantee: GrantGrantee | undefined =
        input.GranteePrincipal !== undefined
          ? { principal: input.GranteePrincipal }
          : input.GranteeServicePrincipal !== undefined
            ? { servicePrincipal: input.GranteeServicePrincipal }
            : undefined;
      if (input.GrantId !== undefined) {
        if (!GRANT_ID.test(input.GrantId)) throw invalidGrantId(input.GrantId);
        const grant = ctx.state.getGrant(key.account, key.region, input.GrantId);
        const matches =
          grant !== undefined &&
          grant.keyId === key.keyId &&
          (grantee === undefined || JSON.stringify(granteeOf(grant)) === JSON.stringify(grantee));
        return { Grants: matches ? [grantListEntry(grant)] : [], Truncated: false };
      }
      const page = ctx.state.listGrants(
        key.account,
        key.region,
        key.keyId,
        input.Marker,
        pageLimit(input.Limit),
        grantee,
      );
      return { Grants: page.items.map(grantListEntry), ...pageMembers(page.next) };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListRetirableGrants.html */
  ListRetirableGrants: op({
    input: struct({
      Limit: int(limitShape).opt(),
      Marker: markerShape.opt(),
      RetiringPrincipal: principalShape.opt(),
      RetiringServicePrincipal: principalShape.opt(),
    }),
    run(ctx, input) {
      if ((input.RetiringPrincipal === undefined) === (input.RetiringServicePrincipal === undefined)) {
        throw validation('You must specify either RetiringPrincipal or RetiringServicePrincipal, but not both.');
      }
      let principal: string;
      if (input.RetiringPrincipal !== undefined) {
        principal = checkPrincipalArn(input.RetiringPrincipal);
        // The authorized resource is the retiring principal, which must be in the caller's account.
        if (principalAccount(principal) !== ctx.account) throw notAuthorized(ctx, principal);
      } else {
        onlyForServiceCallers(ctx, 'RetiringServicePrincipal');
        principal = checkServicePrincipal('RetiringServicePrincipal', input.RetiringServicePrincipal!);
      }
      const page = ctx.state.listRetirableGrants(ctx.region, principal, input.Marker, pageLimit(input.Limit));
      return { Grants: page.items.map(grantListEntry), ...pageMembers(page.next) };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html */
  RetireGrant: op({
    input: struct({
      GrantToken: str({ min: 1, max: 8192 }).opt(),
      KeyId: keyIdShape.opt(),
      GrantId: grantIdShape.opt(),
      DryRun: dryRunShape.opt(),
    }),
    run(ctx, input) {
      let grant: GrantRecord | undefined;
      let key: KeyRecord | undefined;
      if (input.GrantToken !== undefined) {
        const claims = readGrantToken(input.GrantToken);
        grant =
          claims.region === ctx.region ? ctx.state.getGrant(claims.account, claims.region, claims.grantId) : undefined;
        if (!grant) throw grantNotFound(claims.grantId);
        key = ctx.state.getKey(grant.account, grant.region, grant.keyId);
      } else {
        if (input.KeyId === undefined || input.GrantId === undefined) {
          throw validation('Specify the grant to retire by its GrantToken, or by both KeyId and GrantId.');
        }
        key = keyByIdOrArn(ctx, input.KeyId);
        grant = grantOfKey(ctx, key, input.GrantId);
      }
      if (!key) throw grantNotFound(grant.grantId);
      // The grant, not the key policy, says who may retire it: the authorizer applies its rules,
      // with IAM policies for the principals an account delegates to.
      authorizeKey(ctx, key, input, { grant });
      checkDryRun(input);
      ctx.state.deleteGrant(grant.account, grant.region, grant.grantId);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_RevokeGrant.html */
  RevokeGrant: op({
    input: struct({ KeyId: keyIdShape, GrantId: grantIdShape, DryRun: dryRunShape.opt() }),
    run(ctx, input) {
      const key = keyByIdOrArn(ctx, input.KeyId);
      authorizeKey(ctx, key, input);
      const grant = grantOfKey(ctx, key, input.GrantId);
      checkDryRun(input);
      ctx.state.deleteGrant(grant.account, grant.region, grant.grantId);
      return {};
    },
  }),
};
