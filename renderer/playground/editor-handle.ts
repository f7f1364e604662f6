/** What the playground needs of its editor, without naming Monaco (which loads later). */
import type { SourceMapV3 } from '../sandbox/source-map';

export interface TranspileDiagnostic {
  line: number;
  message: string;
}

export interface Transpiled {
  /** CommonJS JavaScript. */
  code: string;
  sourceMap: SourceMapV3 | undefined;
  /** The program cannot run with these. */
  syntaxErrors: TranspileDiagnostic[];
  /** Reported, but the program runs anyway (as `tsc` would still emit it). */
  typeErrors: TranspileDiagnostic[];
}

export interface EditorHandle {
  getValue(): string;
  /** Replaces the text and counts it as saved. */
  setValue(code: string): void;
  markSaved(): void;
  transpile(): Promise<Transpiled>;
  focus(): void;
  revealLine(line: number): void;
  setDark(dark: boolean): void;
}
