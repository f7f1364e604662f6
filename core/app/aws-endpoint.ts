/**
 * The sandbox's one AWS endpoint: every request that arrives at `POST /` (over HTTP, or
 * through the playground's bridge) goes to the service its protocol names — KMS
 * (`X-Amz-Target: TrentService.*`), CloudTrail (`…CloudTrail_20131101.*`), or IAM and STS
 * (a form-encoded Query body, the signature's service telling which).
 */
import { handleCloudTrail, isCloudTrailRequest } from '../kms/audit/cloudtrail-protocol';
import type { HttpRequest, HttpResponse } from '../kms/protocol/json11';
import { handleQuery, isQueryRequest } from '../iam/endpoint';
import type { Sandbox } from './sandbox';

export function handleAwsRequest(sandbox: Sandbox, request: HttpRequest): HttpResponse {
  if (isCloudTrailRequest(request)) {
    return handleCloudTrail(
      {
        iam: sandbox.iam,
        clock: sandbox.clock,
        wallClock: sandbox.wallClock,
        random: sandbox.random,
        events: sandbox.audit,
      },
      request,
    );
  }
  if (isQueryRequest(request)) {
    return handleQuery(
      {
        iam: sandbox.iam,
        clock: sandbox.clock,
        wallClock: sandbox.wallClock,
        random: sandbox.random,
        transact: (fn) => {
          sandbox.flush();
          return sandbox.db.transaction(fn)();
        },
        discardCaches: () => sandbox.iam.discardCaches(),
      },
      request,
    );
  }
  return sandbox.engine.handle(request);
}
