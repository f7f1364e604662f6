/** The deck model and its formats: what the rest of KMS Study may use. */
export * from './model';
export type * from './report';
export type * from './views';
export type { CsvField, CsvOptions, ImportedReview, ParseOptions, ParsedDeck, SkippedCard } from './parsed';
export { CSV_FIELDS } from './parsed';
export { DeckFileError, cardNotFound, deckNotFound, olderBundle } from './errors';
export { contentHash, noteData } from './hash';
export { detectFormat, parseDeckFile, type ReadOptions } from './parse';
export { exportDeck, type ExportedDeck } from './export';
export { parseDeckFolder, readDeckFolder, readFolderManifest } from './folder';
export { bundleJson } from './formats/kmsdeck';
export { ANKI_EASE_TO_RATING } from './formats/apkg';
export { lintDeck, type LintProblem, type LintResult } from './lint';
export { starterDeck } from './starter';
export { slugify } from './ids';
export { cardSemantics, checkCards, checkManifest, formatProblem, type DeckProblem } from './validate';
export { validateCardSchema } from './schemas';
export { writeZip } from './zip';
