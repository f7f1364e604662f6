/**
 * The string patterns of the KMS API model, matched against the whole value as AWS matches
 * them, and shown in ValidationException messages exactly as AWS prints them (a RegExp's own
 * `source` would escape the `/`).
 */
function awsPattern(source: string): RegExp {
  const re = new RegExp(`^(?:${source})$`);
  Object.defineProperty(re, 'source', { value: source });
  return re;
}

/** AliasNameType; also GrantNameType. */
export const ALIAS_NAME_PATTERN = awsPattern('^[a-zA-Z0-9:/_-]+$');
export const GRANT_NAME_PATTERN = ALIAS_NAME_PATTERN;
/** PrincipalIdType: grantee and retiring principals. */
export const PRINCIPAL_ID_PATTERN = awsPattern('^[\\w+=,.@:/-]+$');
/** PolicyNameType. */
export const POLICY_NAME_PATTERN = awsPattern('[\\w]+');
/** PolicyType: printable Latin-1 plus tab, line feed and carriage return. */
export const POLICY_PATTERN = awsPattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');
