/**
 * `kms-study start` (what `npm start` runs): the desktop app where Electron's binary is
 * present; otherwise one sentence saying so, and the same UI served for a browser.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packageRoot } from './paths';
import { runServe } from './serve';

/** The Electron binary's path, or undefined when the package is installed without it. */
export function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export async function runStart(argv: string[]): Promise<number> {
  const binary = electronBinary();
  if (binary) {
    const child = spawn(binary, [packageRoot(), ...argv], { stdio: 'inherit' });
    return await new Promise<number>((done) => child.on('exit', (code) => done(code ?? 0)));
  }
  process.stdout.write(
    'Electron is not available on this machine (its binary was not downloaded), so KMS Study opens in your browser instead.\n',
  );
  return runServe(['--open', ...argv]);
}
