import { describe, expect, it } from 'vitest';
import { filtersOf, needsUi } from './global-setup';

describe('building the UI before UI tests', () => {
  it('reads test filters from the command line', () => {
    expect(filtersOf(['node', '/x/node_modules/vitest/vitest.mjs', 'run'])).toEqual([]);
    expect(filtersOf(['node', '/x/vitest.mjs', 'run', 'test/unit/a.test.ts', '-t', 'name', 'test/e2e'])).toEqual([
      'test/unit/a.test.ts',
      'test/e2e',
    ]);
  });

  it('builds for whole runs and runs that include UI tests or benchmarks, not for others', () => {
    expect(needsUi([])).toBe(true);
    expect(needsUi(['test/e2e/playground-ui.test.ts'])).toBe(true);
    expect(needsUi(['test'])).toBe(true);
    expect(needsUi(['e2e'])).toBe(true);
    expect(needsUi(['test/unit/kms/keys.test.ts', 'test/renderer'])).toBe(false);
  });
});
