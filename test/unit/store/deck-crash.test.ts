import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an import killed half-way', () => {
  it('leaves the database consistent, with the previous version and nothing of the new one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kms-deck-crash-'));
    const path = join(dir, 'library.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'deck-crash-child.ts'), path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('in transaction at 10000')) child.kill('SIGKILL');
      });
      child.once('exit', (code, sig) => (sig ? resolve(sig) : reject(new Error(`child exited with ${code}:\n${out}`))));
    });
    expect(signal).toBe('SIGKILL');

    const db = new Database(path);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare('SELECT id, version FROM decks').all()).toEqual([{ id: 'crash-deck', version: '1.0.0' }]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 50 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM notes WHERE data LIKE '%v2.0.0%'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM cards').get()).toEqual({ n: 100 });
    } finally {
      db.close();
    }
  });
});
