/** Every implemented operation, from each API family's table (one file per family). */
import type { OperationTable } from '../operation';
import { aliasOperations } from './aliases';
import { cryptoOperations } from './crypto';
import { dataKeyOperations } from './data-keys';
import { grantOperations } from './grants';
import { importOperations } from './import';
import { kemOperations } from './kem';
import { keyAgreementOperations } from './key-agreement';
import { keyPolicyOperations } from './key-policies';
import { keyOperations } from './keys';
import { macOperations } from './mac';
import { multiRegionOperations } from './multi-region';
import { publicKeyOperations } from './public-key';
import { randomOperations } from './random';
import { rotationOperations } from './rotation';
import { signingOperations } from './signing';
import { tagOperations } from './tags';

export const FAMILIES = {
  keys: keyOperations,
  crypto: cryptoOperations,
  'data-keys': dataKeyOperations,
  signing: signingOperations,
  mac: macOperations,
  'key-agreement': keyAgreementOperations,
  kem: kemOperations,
  'public-key': publicKeyOperations,
  random: randomOperations,
  aliases: aliasOperations,
  tags: tagOperations,
  'key-policies': keyPolicyOperations,
  grants: grantOperations,
  rotation: rotationOperations,
  import: importOperations,
  'multi-region': multiRegionOperations,
} satisfies Record<string, OperationTable>;

export function allOperations(): OperationTable {
  const table: OperationTable = {};
  for (const [family, ops] of Object.entries(FAMILIES)) {
    for (const [name, operation] of Object.entries(ops)) {
      if (table[name as keyof OperationTable]) throw new Error(`${name} is defined twice (again in ${family}).`);
      table[name as keyof OperationTable] = operation;
    }
  }
  return table;
}
