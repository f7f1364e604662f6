/**
 * CloudTrail events for KMS, in CloudTrail's real shape (event version 1.11):
 * https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html and
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * Plaintext, ciphertext, data keys, signatures and import material never appear: every blob
 * of a request or response is left out.
 */
import type { Caller } from '../../iam/model';
import { isoSeconds } from '../../shared/clock';
import { uuidFrom, type RandomSource } from '../../shared/random';
import type { KeyRecord } from '../model';
import type { CallRecord, ServiceEventRecord } from '../seams';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface CloudTrailEvent {
  eventVersion: string;
  userIdentity: Record<string, Json>;
  eventTime: string;
  eventSource: 'kms.amazonaws.com';
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: Record<string, Json> | null;
  responseElements: Record<string, Json> | null;
  additionalEventData?: Record<string, Json>;
  requestID?: string;
  eventID: string;
  readOnly: boolean;
  resources?: { accountId: string; type: 'AWS::KMS::Key'; ARN: string }[];
  eventType: 'AwsApiCall' | 'AwsServiceEvent';
  managementEvent: true;
  recipientAccountId: string;
  eventCategory: 'Management';
  serviceEventDetails?: Record<string, Json>;
  tlsDetails?: Record<string, Json>;
}

/** Operations whose responses carry key material or data: their responseElements are null. */
const CRYPTO = new Set([
  'Decrypt',
  'Encrypt',
  'ReEncrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateRandom',
  'GenerateMac',
  'VerifyMac',
  'Sign',
  'Verify',
  'DeriveSharedSecret',
  'Encapsulate',
  'Decapsulate',
  'GetPublicKey',
  'GetParametersForImport',
]);

/** Operations that change nothing: CloudTrail marks them readOnly (the crypto operations included). */
const READ_ONLY = new Set([
  ...CRYPTO,
  'DescribeKey',
  'DescribeCustomKeyStores',
  'GetKeyPolicy',
  'GetKeyRotationStatus',
  'GetKeyLastUsage',
  'ListAliases',
  'ListGrants',
  'ListKeyPolicies',
  'ListKeyRotations',
  'ListKeys',
  'ListResourceTags',
  'ListRetirableGrants',
]);

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** Members whose value is a user's map (its keys are data, not member names). */
const MAP_MEMBERS = new Set([
  'EncryptionContext',
  'SourceEncryptionContext',
  'DestinationEncryptionContext',
  'EncryptionContextSubset',
  'EncryptionContextEquals',
]);

/** AWS's camelCase rendering of a request or response, without any blob. */
export function camelWithoutBlobs(value: unknown, isMap = false): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (value instanceof Uint8Array) return undefined;
  if (value instanceof Date) return isoSeconds(value.getTime());
  if (Array.isArray(value)) return value.map((v) => camelWithoutBlobs(v) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const converted = camelWithoutBlobs(v, MAP_MEMBERS.has(k));
      if (converted !== undefined) out[isMap ? k : lowerFirst(k)] = converted;
    }
    return out;
  }
  return String(value);
}

/** userIdentity as it appears in the trail of `recipient` (another account's caller shows as AWSAccount). */
export function userIdentity(caller: Caller, recipient: string, eventTime: number): Record<string, Json> {
  if (caller.type === 'AWSService') return { type: 'AWSService', invokedBy: caller.service ?? 'kms.amazonaws.com' };
  if (caller.accountId !== recipient) {
    return { type: 'AWSAccount', principalId: caller.principalId, accountId: caller.accountId };
  }
  const base: Record<string, Json> = {
    type: caller.type,
    principalId: caller.principalId,
    arn: caller.arn,
    accountId: caller.accountId,
  };
  if (caller.accessKeyId) base['accessKeyId'] = caller.accessKeyId;
  if (caller.type === 'IAMUser' && caller.userName) base['userName'] = caller.userName;
  if (caller.type === 'AssumedRole' && caller.roleArn) {
    base['sessionContext'] = {
      sessionIssuer: {
        type: 'Role',
        principalId: caller.principalId.split(':')[0] ?? caller.principalId,
        arn: caller.roleArn,
        accountId: caller.accountId,
        userName: caller.roleArn.split('/').pop() ?? '',
      },
      attributes: { creationDate: isoSeconds(eventTime), mfaAuthenticated: 'false' },
    };
  }
  if (caller.viaService) base['invokedBy'] = caller.viaService.split('.')[0] + '.amazonaws.com';
  return base;
}

function requestParameters(call: CallRecord): Record<string, Json> | null {
  const params = camelWithoutBlobs(call.input);
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return null;
  // Decrypt always logs the algorithm, even when the caller left it to the default.
  if (call.operation === 'Decrypt' && params['encryptionAlgorithm'] === undefined)
    params['encryptionAlgorithm'] = 'SYMMETRIC_DEFAULT';
  return Object.keys(params).length > 0 ? params : null;
}

function responseElements(call: CallRecord): Record<string, Json> | null {
  if (!call.output || CRYPTO.has(call.operation) || READ_ONLY.has(call.operation)) return null;
  const out = camelWithoutBlobs(call.output);
  if (out !== null && typeof out === 'object' && !Array.isArray(out) && Object.keys(out).length > 0) return out;
  // Since December 2022 management events name the key they acted on.
  const key = call.keys[0];
  return key ? { keyId: key.arn } : null;
}

function additionalData(call: CallRecord): Record<string, Json> | undefined {
  const key = call.keys[0];
  if (!key || !CRYPTO.has(call.operation) || key.keySpec !== 'SYMMETRIC_DEFAULT') return undefined;
  const fromOutput = call.output?.['KeyMaterialId'];
  const materialId = typeof fromOutput === 'string' ? fromOutput : key.currentMaterialId;
  return materialId ? { keyMaterialId: materialId } : undefined;
}

const resourcesOf = (keys: KeyRecord[]) =>
  keys.map((k) => ({ accountId: k.account, type: 'AWS::KMS::Key' as const, ARN: k.arn }));

/** The accounts whose trails receive an event: the caller's and each key owner's. */
export function recipientsOf(call: CallRecord): string[] {
  const accounts = new Set<string>([call.caller.accountId]);
  for (const key of call.keys) accounts.add(key.account);
  return [...accounts];
}

/** One API call's event, as delivered to `recipient`'s trail. */
export function apiCallEvent(call: CallRecord, recipient: string, eventId: string): CloudTrailEvent {
  const event: CloudTrailEvent = {
    eventVersion: '1.11',
    userIdentity: userIdentity(call.caller, recipient, call.time),
    eventTime: isoSeconds(call.time),
    eventSource: 'kms.amazonaws.com',
    eventName: call.operation,
    awsRegion: call.region,
    sourceIPAddress: call.caller.viaService
      ? call.caller.viaService.split('.')[0] + '.amazonaws.com'
      : (call.caller.sourceIp ?? '127.0.0.1'),
    userAgent: call.caller.viaService ? 'AWS Internal' : (call.caller.userAgent ?? 'unknown'),
    requestParameters: requestParameters(call),
    responseElements: responseElements(call),
    requestID: call.requestId,
    eventID: eventId,
    readOnly: READ_ONLY.has(call.operation),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: recipient,
    eventCategory: 'Management',
  };
  if (call.error) {
    event.errorCode = call.error.code;
    event.errorMessage = call.error.message;
  }
  const extra = additionalData(call);
  if (extra) event.additionalEventData = extra;
  if (call.keys.length > 0) event.resources = resourcesOf(call.keys);
  return event;
}

/** An event KMS writes by itself: automatic rotation, deletion at the end of the window, material expiry. */
export function serviceEvent(record: ServiceEventRecord, eventId: string): CloudTrailEvent {
  const { key } = record;
  const details: Record<string, Json> = { keyOrigin: key.origin };
  if (record.eventName === 'RotateKey') details['keyRotationType'] = 'AutomaticRotation';
  const event: CloudTrailEvent = {
    eventVersion: '1.11',
    userIdentity: { accountId: key.account, invokedBy: 'kms.amazonaws.com' },
    eventTime: isoSeconds(record.time),
    eventSource: 'kms.amazonaws.com',
    eventName: record.eventName,
    awsRegion: key.region,
    sourceIPAddress: 'kms.amazonaws.com',
    userAgent: 'kms.amazonaws.com',
    requestParameters: null,
    responseElements: null,
    eventID: eventId,
    readOnly: false,
    resources: resourcesOf([key]),
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: key.account,
    eventCategory: 'Management',
    serviceEventDetails: details,
  };
  if (key.currentMaterialId) event.additionalEventData = { keyMaterialId: key.currentMaterialId };
  return event;
}

export const newEventId = (random: RandomSource): string => uuidFrom(random);

/**
 * The event id of an API call: derived from its request id, so whatever else records the call
 * (GetKeyLastUsage's CloudTrailEventId) names the same event. A call has one event id in every
 * trail it is delivered to.
 */
const EVENT_ID_DIGITS = '5d2a8f0b3e97c614';

export function eventIdFor(requestId: string): string {
  // Each hex digit of the (random) request id is mapped by a fixed permutation: cheap, distinct, one-to-one.
  let out = '';
  for (let i = 0; i < requestId.length; i++) {
    const c = requestId.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    out += d < 0 ? requestId[i] : EVENT_ID_DIGITS[d];
  }
  return out;
}
