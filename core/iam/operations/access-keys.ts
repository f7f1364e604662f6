/** Long-term access keys of IAM users (at most two each). */
import { iamId } from '../ids';
import { invalidInput, limitExceeded, noSuchEntity, page, required, type IamContext, type IamHandler } from './context';
import { userOrCaller } from './principals';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const secretFrom = (ctx: Pick<IamContext, 'random'>, length = 40): string =>
  [...ctx.random.bytes(length)].map((b) => SECRET_ALPHABET[b % 64]).join('');

const longTermKeys = (ctx: IamContext, arn: string) =>
  ctx.iam.listAccessKeys(arn).filter((k) => k.sessionToken === undefined);

export const accessKeyOperations: Record<string, IamHandler> = {
  CreateAccessKey(ctx) {
    const user = userOrCaller(ctx);
    ctx.authorize('iam:CreateAccessKey', user.arn);
    if (longTermKeys(ctx, user.arn).length >= 2) throw limitExceeded('Cannot exceed quota for AccessKeysPerUser: 2');
    const key = {
      accessKeyId: iamId('AKIA', ctx.random),
      secretAccessKey: secretFrom(ctx),
      principalArn: user.arn,
      status: 'Active' as const,
      createdAt: ctx.now,
    };
    ctx.iam.putAccessKey(key);
    return {
      AccessKey: {
        UserName: user.name,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: new Date(key.createdAt),
      },
    };
  },
  ListAccessKeys(ctx) {
    const user = userOrCaller(ctx);
    ctx.authorize('iam:ListAccessKeys', user.arn);
    const { items, ...rest } = page(ctx, longTermKeys(ctx, user.arn));
    return {
      AccessKeyMetadata: items.map((k) => ({
        UserName: user.name,
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: new Date(k.createdAt),
      })),
      ...rest,
    };
  },
  DeleteAccessKey(ctx) {
    const user = userOrCaller(ctx);
    const id = required(ctx, 'AccessKeyId', { min: 16, max: 128, pattern: /^[\w]+$/, patternText: '[\\w]+' });
    ctx.authorize('iam:DeleteAccessKey', user.arn);
    const key = ctx.iam.getAccessKey(id);
    if (!key || key.principalArn !== user.arn || key.sessionToken !== undefined) {
      throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    }
    ctx.iam.deleteAccessKey(id);
    return undefined;
  },
  UpdateAccessKey(ctx) {
    const user = userOrCaller(ctx);
    const id = required(ctx, 'AccessKeyId', { min: 16, max: 128 });
    const status = required(ctx, 'Status');
    if (status !== 'Active' && status !== 'Inactive')
      throw invalidInput(`Status must be Active or Inactive, got '${status}'.`);
    ctx.authorize('iam:UpdateAccessKey', user.arn);
    const key = ctx.iam.getAccessKey(id);
    if (!key || key.principalArn !== user.arn) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    ctx.iam.putAccessKey({ ...key, status });
    return undefined;
  },
};
