/** Errors of deck files and of the library's decks, as values with stable codes. */
import { AppError } from '../shared/errors';

/** How many problems one error message lists before it summarises the rest. */
const LISTED = 20;

/**
 * A deck file that cannot be imported. Each problem names the file and the line or entry
 * ("cards.json: cards[12] (id kms-ess-013): options must contain a correct answer").
 */
export class DeckFileError extends AppError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    const shown = problems.slice(0, LISTED);
    const more = problems.length - shown.length;
    super('InvalidDeckFile', shown.join('\n') + (more > 0 ? `\n… and ${more} more problems.` : ''));
    this.problems = problems;
  }
}

export const deckNotFound = (deckId: string) =>
  new AppError('DeckNotFound', `There is no deck '${deckId}' in the library.`);

export const cardNotFound = (deckId: string, id: string) =>
  new AppError('CardNotFound', `Deck '${deckId}' has no card '${id}'.`);

export const olderBundle = (deckId: string, library: string, file: string) =>
  new AppError(
    'DeckVersionOlder',
    `Deck '${deckId}' is at version ${library} in the library, newer than this bundle's ${file}; nothing was imported.`,
  );
