/** The KMS engine's public surface. */
export { KmsEngine, type CallOutcome, type EngineDeps } from './engine';
export {
  KMS_OPERATIONS,
  CUSTOM_KEY_STORE_OPERATIONS,
  apiReference,
  isKmsOperation,
  type KmsOperationName,
} from './catalogue';
export { allOperations, FAMILIES } from './operations';
export { KmsError, isKmsError, type KmsErrorName } from './errors';
export type { HttpRequest, HttpResponse } from './protocol/json11';
export { ownAccountAuthorizer, accessDenied } from './seams';
export type {
  Authorizer,
  AuthorizationRequest,
  CallObserver,
  CallRecord,
  ServiceEventObserver,
  ServiceEventRecord,
} from './seams';
export type { KmsState, Page } from './state';
export type { KeyRecord, AliasRecord, GrantRecord, KeyState } from './model';
export { REGIONS, isRegion, keyArn, parseArn } from './arn';
export { KEY_SPECS, KEY_SPEC_INFO, type KeySpec } from './key-specs';
export { KEY_STATE_RULES, OPERATION_KEY_STATE_RULE } from './key-states';
