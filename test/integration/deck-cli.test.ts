/** `kms-study deck …` as an instructor runs it: a real process, real files, exit codes and output. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'test', 'fixtures', 'kms-flashcards-seed.txt');
let dir: string;
let state: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'cli', 'bin.mjs'), 'deck', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1', KMS_STUDY_HOME: join(dir, 'home') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-deck-cli-'));
  state = join(dir, 'library.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kms-study deck', () => {
  it('init writes a starter deck that lints clean and packs', () => {
    const init = run('init', 'my-deck');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(
      "Created deck 'my-deck' in my-deck: manifest.json, cards.json (3 example cards) and media/.",
    );
    expect(run('init', 'my-deck')).toMatchObject({
      code: 2,
      stderr: "kms-study: 'my-deck' exists and is not empty; pick a new folder.\nRun 'kms-study help' for usage.\n",
    });
    expect(run('lint', 'my-deck')).toEqual({
      code: 0,
      stdout: 'my-deck: 3 cards, 0 errors, 0 warnings.\n',
      stderr: '',
    });
    expect(run('pack', 'my-deck', '-o', 'my.kmsdeck')).toMatchObject({
      code: 0,
      stdout: "Packed 3 cards of 'my-deck' 0.1.0 into my.kmsdeck.\n",
    });
    expect(existsSync(join(dir, 'my.kmsdeck'))).toBe(true);
  });

  it('lint reports file:line:column and exits 1 on errors; pack refuses', () => {
    const cards = join(dir, 'my-deck', 'cards.json');
    writeFileSync(cards, readFileSync(cards, 'utf8').replace('"kind": "cloze"', '"kind": "flash"'));
    const lint = run('lint', 'my-deck');
    expect(lint.code).toBe(1);
    expect(lint.stdout).toBe(
      "my-deck/cards.json:19:15: error: cards[1] (id my-deck-002): kind must be one of basic, cloze, mcq, got 'flash'\nmy-deck: 3 cards, 1 error, 0 warnings.\n",
    );
    expect(JSON.parse(run('lint', 'my-deck', '--json').stdout)).toMatchObject({
      errors: 1,
      problems: [{ line: 19, column: 15, severity: 'error' }],
    });
    const pack = run('pack', 'my-deck', '-o', 'bad.kmsdeck');
    expect(pack.code).toBe(1);
    expect(pack.stderr).toBe('kms-study: not packed: fix the errors above first.\n');
    expect(existsSync(join(dir, 'bad.kmsdeck'))).toBe(false);
  });

  it('import --dry-run --json reports every card and changes nothing; import then really imports', () => {
    const dry = run('import', SEED, '--dry-run', '--json', '--state', state);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report).toMatchObject({
      deckId: 'kms-flashcards',
      dryRun: true,
      counts: { added: 27, updated: 0, unchanged: 0, skipped: 0, removed: 0 },
    });
    expect(report.cards).toHaveLength(27);
    expect(report.cards[26]).toEqual({
      id: expect.stringMatching(/^bs-/),
      front: 'if you want it to generate a random number,',
      outcome: 'added',
      where: 'line 421',
    });
    expect(run('list', '--state', state).stdout).toBe('The library has no decks.\n');
    const real = run('import', SEED, '--state', state);
    expect(real.stdout).toBe(
      "Imported deck 'KMS Flashcards' (kms-flashcards) from kms-flashcards-seed.txt: created.\n  27 added, 0 updated, 0 unchanged, 0 skipped, 0 removed.\n",
    );
    expect(run('import', 'my.kmsdeck', '--state', state).code).toBe(0);
    expect(run('list', '--state', state).stdout).toBe(
      'kms-flashcards  KMS Flashcards  27 cards, 27 new, 0 due\nmy-deck  My Deck 0.1.0  3 cards, 4 new, 0 due\n',
    );
  });

  it('a bad file exits 1 naming the file and line, and the library is untouched', () => {
    writeFileSync(join(dir, 'bad.csv'), 'front,back\nok,fine\n"open,x\n');
    const before = run('list', '--state', state, '--json').stdout;
    expect(run('import', 'bad.csv', '--state', state)).toEqual({
      code: 1,
      stdout: '',
      stderr: "kms-study: bad.csv: line 3: a quoted field is not closed (a '\"' is missing).\n",
    });
    expect(run('list', '--state', state, '--json').stdout).toBe(before);
  });

  it('export writes every format and the files import back', () => {
    for (const format of ['kmsdeck', 'apkg', 'csv']) {
      const out = run('export', 'my-deck', '--format', format, '-o', `out.${format}`, '--state', state);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(
        new RegExp(`^Exported 3 cards of 'my-deck' to out\\.${format} \\(\\d+ bytes\\)\\.\\n`),
      );
      const back = JSON.parse(
        run('import', `out.${format}`, '--dry-run', '--json', '--state', join(dir, 'other.db')).stdout,
      );
      expect(back.counts.added).toBe(3);
    }
    expect(JSON.parse(run('import', 'out.kmsdeck', '--json', '--state', state).stdout)).toMatchObject({
      status: 'unchanged',
      counts: { unchanged: 3 },
    });
  });

  it('answers bad flags and arguments with a usage error naming them (exit 2)', () => {
    const usage = (r: ReturnType<typeof run>) => [r.code, r.stderr.split('\n')[0]];
    const unknown = run('import', SEED, '--dryrun');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^kms-study: Unknown option '--dryrun'\./);
    expect(usage(run('import', SEED, '--format', 'docx'))).toEqual([
      2,
      "kms-study: --format must be one of kmsdeck, brainscape, csv, apkg, got 'docx'.",
    ]);
    expect(usage(run('import', SEED, '--map', 'question=1'))).toEqual([
      2,
      "kms-study: --map takes FIELD=COLUMN pairs with FIELD one of id, kind, front, back, reverse, tags, domain, source, verifiedOn, labs, options; got 'question=1'.",
    ]);
    expect(usage(run('import', 'nope.csv'))).toEqual([2, "kms-study: cannot read 'nope.csv': no such file."]);
    expect(usage(run('export', 'my-deck', '--state', state))).toEqual([
      2,
      'kms-study: --format is required: kmsdeck, apkg, csv.',
    ]);
    expect(usage(run('export', 'my-deck', '--format', 'pdf'))).toEqual([
      2,
      "kms-study: --format must be one of kmsdeck, apkg, csv, got 'pdf'.",
    ]);
    expect(usage(run('lint'))).toEqual([
      2,
      'kms-study: deck lint <dir|file>: missing the deck folder or .kmsdeck file.',
    ]);
    expect(usage(run('frobnicate'))).toEqual([
      2,
      "kms-study: unknown deck command 'frobnicate'. Commands: init, lint, pack, import, export, list.",
    ]);
    expect(run('export', 'nope', '--format', 'csv', '--state', state)).toMatchObject({
      code: 1,
      stderr: "kms-study: There is no deck 'nope' in the library.\n",
    });
  });
});
