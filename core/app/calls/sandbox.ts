/** Host calls of the sandbox itself: its clock, its accounts, and the AWS endpoint for socketless clients. */

export interface ClockState {
  /** Virtual time of the sandbox, ISO 8601. */
  now: string;
  epochMs: number;
  /** How far the virtual clock is ahead of real time. */
  offsetMs: number;
}

export interface PrincipalInfo {
  arn: string;
  kind: 'root' | 'user' | 'role';
  name: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export interface AccountInfo {
  accountId: string;
  alias: string;
  principals: PrincipalInfo[];
}

/** An HTTP exchange with the sandbox's AWS endpoint, for clients without a socket (the playground's worker). */
export interface WireRequest {
  method: string;
  /** Path with its query string, e.g. `/`. */
  path: string;
  headers: Record<string, string>;
  /** Base64 of the body bytes. */
  body: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface QuotaSettings {
  /** Whether request quotas are enforced (ThrottlingException over quota). */
  enabled: boolean;
  /** Multiplies AWS's default rates; 0.01 turns CreateKey's 5/s into one request per 20 s. */
  scale: number;
}

export interface SandboxCalls {
  'sandbox.now': { request: Record<string, never>; response: ClockState };
  'sandbox.advanceClock': { request: { days?: number; hours?: number; seconds?: number }; response: ClockState };
  'sandbox.reset': { request: Record<string, never>; response: ClockState };
  'sandbox.accounts': { request: Record<string, never>; response: { accounts: AccountInfo[]; regions: string[] } };
  'aws.send': { request: WireRequest; response: WireResponse };
  /** Reads the request quotas, or changes them when fields are given. */
  'sandbox.quotas': { request: Partial<QuotaSettings>; response: QuotaSettings };
}

export const SANDBOX_CALLS = [
  'sandbox.now',
  'sandbox.advanceClock',
  'sandbox.reset',
  'sandbox.accounts',
  'aws.send',
  'sandbox.quotas',
] as const satisfies readonly (keyof SandboxCalls)[];
