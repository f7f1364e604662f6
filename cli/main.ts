/** `kms-study <command>`: the command-line host of KMS Study. */
import { DECK_HELP, runDeck } from './deck';
import { runServe } from './serve';
import { runStart } from './start';
import { UsageError } from './usage-error';

const HELP = `KMS Study: spaced-repetition flashcards and a sandboxed AWS KMS.

Usage:
  kms-study serve [--port 4599] [--host 127.0.0.1] [--state FILE | --state :memory:] [--quotas on|off|SCALE]
                  [--allow-remote] [--open]
      Serve the KMS sandbox (AWS JSON 1.1 at /), the host API (/api/<call>) and the app's UI (GET /).
  kms-study start
      Launch the desktop app, or serve the UI for a browser where Electron is not available.
${DECK_HELP}  kms-study help
      Show this help.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await runServe(rest);
      case 'deck':
        return runDeck(rest);
      case 'start':
        return await runStart(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command '${command}'. Commands: serve, start, deck, help.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kms-study: ${e.message}\nRun 'kms-study help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`kms-study: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
