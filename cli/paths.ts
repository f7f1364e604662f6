import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout (or installed package) this command runs from. */
export const packageRoot = (): string => dirname(dirname(fileURLToPath(import.meta.url)));

/** Where the built renderer lives. */
export const rendererDist = (): string => join(packageRoot(), 'dist');

/** The sandbox database when --state is not given: $KMS_STUDY_HOME or ~/.kms-study. */
export const defaultStatePath = (): string =>
  join(process.env['KMS_STUDY_HOME'] ?? join(homedir(), '.kms-study'), 'kms-study.db');
