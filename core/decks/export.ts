/** Writing a deck in any export format: the bytes, a file name, and what the format could not carry. */
import { writeApkg } from './formats/apkg-export';
import { writeCsv } from './formats/csv';
import { writeKmsdeck } from './formats/kmsdeck';
import type { DeckBundle, ExportFormat } from './model';

export interface ExportedDeck {
  fileName: string;
  data: Uint8Array;
  warnings: string[];
}

export function exportDeck(bundle: DeckBundle, format: ExportFormat, now: number): ExportedDeck {
  const { id, version } = bundle.manifest;
  switch (format) {
    case 'kmsdeck':
      return { fileName: `${id}-${version}.kmsdeck`, data: writeKmsdeck(bundle), warnings: [] };
    case 'apkg': {
      const { data, warnings } = writeApkg(bundle, now);
      return { fileName: `${id}.apkg`, data, warnings };
    }
    case 'csv': {
      const warnings =
        bundle.media.length > 0
          ? [
              `CSV holds text only: the deck's ${bundle.media.length} media files were left out (export a .kmsdeck to keep them).`,
            ]
          : [];
      return { fileName: `${id}.csv`, data: new TextEncoder().encode(writeCsv(bundle.cards)), warnings };
    }
  }
}
