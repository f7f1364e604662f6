/**
 * `npm run coverage:kms`: the KMS API operations and whether the sandbox implements each,
 * read from the engine's operation tables.
 */
import { KMS_OPERATIONS, apiReference, CUSTOM_KEY_STORE_OPERATIONS } from '../core/kms/catalogue';
import { FAMILIES } from '../core/kms/operations';

const familyOf = new Map<string, string>();
for (const [family, table] of Object.entries(FAMILIES))
  for (const name of Object.keys(table)) familyOf.set(name, family);

const rows = KMS_OPERATIONS.map((op) => {
  const family = familyOf.get(op);
  const status = family
    ? 'implemented'
    : CUSTOM_KEY_STORE_OPERATIONS.includes(op)
      ? 'UnsupportedOperationException (custom key stores are not simulated)'
      : 'UnsupportedOperationException (not implemented)';
  return { op, family: family ?? '-', status, doc: apiReference(op) };
});

const implemented = rows.filter((r) => r.family !== '-').length;
const width = Math.max(...rows.map((r) => r.op.length));
process.stdout.write(`KMS API coverage: ${implemented} of ${rows.length} operations implemented\n\n`);
process.stdout.write(
  `| ${'operation'.padEnd(width)} | family       | status |\n|${'-'.repeat(width + 2)}|--------------|--------|\n`,
);
for (const r of rows) process.stdout.write(`| ${r.op.padEnd(width)} | ${r.family.padEnd(12)} | ${r.status} |\n`);
