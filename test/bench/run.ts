/**
 * `npm run bench`: every benchmark, each printed as a ratio against a baseline measured in the
 * same run. Benchmarks are files of test/bench/ that export `run(): Promise<BenchResult[]>`.
 * `npm run bench -- kms` runs only the files whose name contains "kms".
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types';

const here = import.meta.dirname;
const filter = process.argv[2];
const skip = new Set(['run.ts', 'types.ts', 'measure.ts', 'signed-request.ts']);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !skip.has(f) && (!filter || f.includes(filter)))
  .sort();

const all: { file: string; result: BenchResult }[] = [];
for (const file of files) {
  const mod = (await import(join(here, file))) as { run?: () => Promise<BenchResult[]> };
  if (typeof mod.run !== 'function') continue;
  process.stdout.write(`\n## ${file}\n`);
  for (const result of await mod.run()) {
    all.push({ file, result });
    process.stdout.write(
      `- ${result.name}: ${Number.isFinite(result.ratio) ? result.ratio.toFixed(3) : 'n/a'} × (${result.baseline}) — ${result.detail}\n`,
    );
  }
}
process.stdout.write(`\n${all.length} figures from ${files.length} benchmark files.\n`);
