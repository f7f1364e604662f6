/**
 * Vitest global setup: builds the UI (dist/) before UI tests when it is missing or older than
 * its sources, once for the whole run rather than in each test file. Runs that name only
 * other tests (`vitest run test/unit/...`) skip it.
 */
import { ensureRenderer } from '../../cli/start';

const UI_TESTS = /(^|\/)test(\/(e2e|bench))?\/?$|(^|\/)test\/(e2e|bench)\//;

/** The test-file filters on the command line; none means every test runs. */
export function filtersOf(argv: readonly string[]): string[] {
  const args = argv.slice(argv.findIndex((a) => a === 'run' || a.endsWith('vitest.mjs') || a.endsWith('vitest')) + 1);
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      // Options that take a value: skip it.
      if (/^(-t|--testNamePattern|--reporter|--project|--config|-c|--root|--dir|--pool)$/.test(a)) i++;
      continue;
    }
    if (a !== 'run') filters.push(a);
  }
  return filters;
}

export function needsUi(filters: readonly string[]): boolean {
  return filters.length === 0 || filters.some((f) => UI_TESTS.test(f.replace(/\\/g, '/')) || f.includes('e2e'));
}

export default async function setup(): Promise<void> {
  if (!needsUi(filtersOf(process.argv))) return;
  await ensureRenderer((line) => process.stdout.write(`${line}\n`));
}
