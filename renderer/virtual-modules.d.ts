/** Built by vite.config.ts: [file:///node_modules/... path, text] of every declaration the playground's SDK packages (client-kms, client-iam, client-sts) need. */
declare module 'virtual:kms-sdk-types' {
  const files: [string, string][];
  export default files;
}
