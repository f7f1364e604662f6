// Type-checks every environment with its own tsconfig, so a file meant for one
// environment cannot lean on another's globals (DOM in core, Node in the renderer).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const hasSources = (dir) =>
  existsSync(dir) &&
  readdirSync(dir, { recursive: true }).some((f) => /\.tsx?$/.test(String(f)) && !String(f).endsWith('.d.ts'));
const folders = {
  core: 'core',
  isomorphic: 'core',
  cli: 'cli',
  electron: 'electron',
  renderer: 'renderer',
  test: 'test',
};

const projects = ['core', 'isomorphic', 'cli', 'electron', 'renderer', 'test'];
let failed = false;
for (const name of projects) {
  const file = `tsconfig.${name}.json`;
  if (!existsSync(file) || !hasSources(folders[name])) continue;
  const started = Date.now();
  const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', file], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed = true;
    console.error(`typecheck: ${file} failed (${seconds} s)`);
  } else {
    console.log(`typecheck: ${file} ok (${seconds} s)`);
  }
}
process.exit(failed ? 1 : 0);
