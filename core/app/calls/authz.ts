/**
 * Host calls about authorization: the explanation of any call's decision (by its request id,
 * the x-amzn-requestid header or CloudTrail's requestID), and KMS calls made by a simulated AWS
 * service, on a user's behalf (kms:ViaService) or as the service principal itself.
 */
import type { CallExplanation } from '../../kms/authorization/explanation-model';

export type {
  AllowedBy,
  CallExplanation,
  CheckKind,
  ConditionExplanation,
  DecisionExplanation,
  DenialReason,
  GrantExplanation,
  PolicyExplanation,
  StatementExplanation,
} from '../../kms/authorization/explanation-model';

export interface ServiceKmsCallRequest {
  /** The service making the call: EBS volumes are `ec2`. */
  service: 'ec2' | 's3' | 'ssm' | 'secretsmanager';
  /**
   * Who the service acts for: an access key id (AKIA…, or ASIA… of a role session), an IAM user
   * or root ARN, or an assumed-role ARN. Omit it, and give `account`, for a call by the service
   * principal itself (e.g. `ec2.amazonaws.com` using a grant).
   */
  principal?: string;
  /** For a call by the service principal itself: the account it acts in. */
  account?: string;
  /** Default us-east-1. */
  region?: string;
  /** A KMS operation, e.g. `Encrypt`. */
  operation: string;
  /** The request body as on the wire: blobs in base64. */
  input?: Record<string, unknown>;
}

export interface ServiceKmsCallResponse {
  requestId: string;
  ok: boolean;
  /** The response body as on the wire, when the call succeeded. */
  output?: unknown;
  /** The AWS error, when it failed. */
  error?: { code: string; message: string };
  /** kms:ViaService as KMS saw it (absent for a service principal's own call). */
  viaService?: string;
}

export interface AuthzCalls {
  'sandbox.explainDecision': { request: { requestId: string }; response: CallExplanation };
  'services.callKms': { request: ServiceKmsCallRequest; response: ServiceKmsCallResponse };
}

export const AUTHZ_CALLS = [
  'sandbox.explainDecision',
  'services.callKms',
] as const satisfies readonly (keyof AuthzCalls)[];
