/** Shapes that many operations share, with AWS's constraints. */
import { KEY_SPECS, KEY_USAGES } from './key-specs';
import { bool, list, oneOf, str, struct } from './shapes';

export const keyIdShape = str({ min: 1, max: 2048 });
export const grantTokensShape = list(str({ min: 1, max: 8192 }), { min: 0, max: 10 });
export const dryRunShape = bool();
export const limitShape = { min: 1, max: 1000 } as const;
export const markerShape = str({ min: 1, max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
export const tagShape = struct({ TagKey: str({ min: 1, max: 128 }), TagValue: str({ min: 0, max: 256 }) });
export const tagsShape = list(tagShape);
export const keySpecShape = oneOf(KEY_SPECS);
export const keyUsageShape = oneOf(KEY_USAGES);
export const policyShape = str({ min: 1, max: 131072 });
export const descriptionShape = str({ min: 0, max: 8192 });
