/** Built by vite.config.ts: [file:///node_modules/... path, text] of every declaration @aws-sdk/client-kms needs. */
declare module 'virtual:kms-sdk-types' {
  const files: [string, string][];
  export default files;
}
