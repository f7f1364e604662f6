/**
 * The deck library and study calls for component tests, added to a FakeHost: a small
 * in-memory library whose answers have the contract's shapes and the real host's error codes
 * and messages (the real handlers are tested in test/unit/app and test/unit/store). Its queue
 * is simple on purpose: cards come in order, a rating of 1 sends a card to the end as
 * learning, any other rating takes it out for the day.
 */
import type { HostApi } from '../../core/app/contract';
import type { CardEntry, DeckSummary, ImportReport } from '../../core/app/calls/decks';
import type { ExamPlanView, StudyCardView, StudyNextResult } from '../../core/app/calls/study';
import type { FakeHost } from './fake-host';

export type Card = CardEntry['card'];
type Handler = (request: Record<string, unknown>) => unknown;

export const TODAY = '2026-11-28';
export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const INTERVALS = [60_000, 360_000, 480_000, 600_000, 691_200_000];
const LABELS = ['1m', '6m', '8m', '10m', '8d'];

interface Side {
  cardId: number;
  deckId: string;
  card: Card;
  ord: number;
  queue: 'new' | 'learning' | 'review';
  suspended: boolean;
  /** Out of today's queue (rated 2 or more). */
  done: boolean;
}

interface DeckRecord {
  id: string;
  name: string;
  version: string | null;
  origin: DeckSummary['origin'];
  cards: Card[];
}

export class FakeLibrary {
  decks: DeckRecord[] = [];
  sides: Side[] = [];
  /** Ratings in order, for undo. */
  log: { cardId: number; rating: number; before: Side }[] = [];
  settings = { examDate: null as string | null, dailyBudgetMinutes: 30 };
  nextDueAt: number | null = NOW + 3_600_000;
  /** Answer study.rate with this error once (e.g. a card suspended elsewhere). */
  failNextRate: { code: string; message: string } | undefined;
  private nextCardId = 1;

  constructor(private readonly host: FakeHost) {}

  addDeck(id: string, name: string, cards: Card[], version: string | null = null): void {
    this.decks.push({ id, name, version, origin: version ? 'builtin' : 'csv', cards: [...cards] });
    for (const card of cards) this.addSides(id, card);
  }

  private addSides(deckId: string, card: Card): void {
    const ords =
      card.kind === 'cloze'
        ? [...new Set([...card.front.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]) - 1))]
        : card.kind === 'basic' && card.reverse
          ? [0, 1]
          : [0];
    for (const ord of ords) {
      this.sides.push({ cardId: this.nextCardId++, deckId, card, ord, queue: 'new', suspended: false, done: false });
    }
  }

  private deck(call: string, deckId: unknown): DeckRecord {
    const deck = this.decks.find((d) => d.id === deckId);
    if (!deck) throw { code: 'DeckNotFound', message: `${call}: there is no deck '${String(deckId)}'.` };
    return deck;
  }

  private open(deckId: string): Side[] {
    return this.sides.filter((s) => s.deckId === deckId && !s.done && !s.suspended);
  }

  counts(deckId: string) {
    const open = this.open(deckId);
    return {
      new: open.filter((s) => s.queue === 'new').length,
      learning: open.filter((s) => s.queue === 'learning').length,
      review: open.filter((s) => s.queue === 'review').length,
    };
  }

  view(side: Side): StudyCardView {
    const c = side.card;
    return {
      cardId: side.cardId,
      deckId: side.deckId,
      noteId: c.id,
      ord: side.ord,
      kind: c.kind,
      front: c.front,
      back: c.back ?? null,
      options: c.kind === 'mcq' ? c.options : null,
      source: c.source ?? null,
      tags: c.tags ?? [],
      domain: c.domain ?? null,
      queue: side.queue,
      state: side.queue === 'new' ? 'new' : 'learning',
      reps: 0,
      lapses: 0,
      recall: null,
      planned: false,
      finalReview: false,
      intervals: INTERVALS.map((intervalMs, i) => ({
        rating: (i + 1) as 1 | 2 | 3 | 4 | 5,
        intervalMs,
        dueAt: NOW + intervalMs,
        label: LABELS[i]!,
      })),
    };
  }

  next(deckId: string): StudyNextResult {
    const side = this.open(deckId)[0];
    const counts = this.counts(deckId);
    if (side) return { status: 'card', card: this.view(side), counts };
    return {
      status: 'done',
      counts,
      nextDueAt: this.nextDueAt,
      nextDue: this.nextDueAt === null ? null : new Date(this.nextDueAt).toISOString(),
    };
  }

  reviewsToday(deckId?: string): number {
    return this.log.filter((l) => deckId === undefined || l.before.deckId === deckId).length;
  }

  plan(): ExamPlanView {
    if (!this.settings.examDate) return { active: false, reason: 'no-exam-date', examDate: null };
    const open = this.sides.filter((s) => !s.done).length;
    return {
      active: true,
      examDate: this.settings.examDate,
      daysLeft: Math.round((Date.parse(this.settings.examDate) - Date.parse(TODAY)) / 86_400_000),
      budgetMinutes: this.settings.dailyBudgetMinutes,
      target: 0.9,
      retention: 0.92,
      secondsPerReview: 15,
      secondsPerNewCard: 45,
      cards: this.sides.length,
      days: [{ date: TODAY, reviews: 4, finalReviews: 1, newCards: open, minutes: 12.4 }],
      predicted: { overall: 0.874, withoutPlan: 0.81, byDeck: [], byTag: [], byDomain: [] },
      unseenAtExam: 0,
      finalsMissed: 0,
      warnings: ['Cards added after today are not in the plan until it is computed again.'],
    };
  }

  summary(d: DeckRecord): DeckSummary {
    const sides = this.sides.filter((s) => s.deckId === d.id);
    return {
      id: d.id,
      name: d.name,
      version: d.version,
      origin: d.origin,
      manifest: { schemaVersion: 1, id: d.id, name: d.name, author: 'Tests', licence: 'CC0', description: '' },
      cardCount: d.cards.length,
      removedCount: 0,
      studyCount: sides.length,
      newCount: sides.filter((s) => s.queue === 'new').length,
      dueCount: 0,
      suspendedCount: sides.filter((s) => s.suspended).length,
      today: this.counts(d.id),
      createdAt: NOW,
      updatedAt: NOW,
    };
  }

  entry(deckId: string, card: Card): CardEntry {
    return { deckId, card, removed: false, sides: 1, createdAt: NOW, updatedAt: NOW };
  }

  /** Reads "front,back" lines (a header line is skipped) the way the CSV importer would. */
  importReport(request: Record<string, unknown>): { report: ImportReport; cards: Card[] } {
    const fileName = String(request['fileName'] ?? 'deck');
    const format = (request['format'] as ImportReport['format'] | undefined) ?? 'csv';
    const text = new TextDecoder().decode(Uint8Array.from(atob(String(request['data'])), (c) => c.charCodeAt(0)));
    const stem = fileName.replace(/\.[^.]+$/, '');
    const deckId = String(request['deckId'] ?? stem.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
    const existing = this.decks.find((d) => d.id === deckId);
    const cards: Card[] = [];
    const entries: ImportReport['cards'] = [];
    text.split('\n').forEach((line, i) => {
      if (i === 0 || line.trim() === '') return;
      const [front = '', back = ''] = line.split(',');
      if (back.trim() === '') {
        entries.push({
          id: null,
          front,
          outcome: 'skipped',
          reason: 'a basic card needs a back',
          where: `row ${i + 1}`,
        });
        return;
      }
      const id = `${deckId}-${i}`;
      const same = existing?.cards.find((c) => c.id === id);
      cards.push({ id, kind: 'basic', front, back });
      entries.push({ id, front, outcome: same ? 'unchanged' : 'added', where: `row ${i + 1}` });
    });
    const count = (o: string) => entries.filter((e) => e.outcome === o).length;
    const report: ImportReport = {
      deckId,
      deckName: String(request['deckName'] ?? existing?.name ?? stem),
      format,
      source: fileName,
      dryRun: request['dryRun'] === true,
      status: existing ? (count('added') > 0 ? 'updated' : 'unchanged') : 'created',
      counts: {
        added: count('added'),
        updated: 0,
        unchanged: count('unchanged'),
        skipped: count('skipped'),
        removed: 0,
      },
      cards: entries,
      media: { added: 0, updated: 0, unchanged: 0 },
      warnings: [],
    };
    return { report, cards };
  }

  readonly handlers: Record<string, Handler> = {
    'decks.list': () => ({ decks: this.decks.map((d) => this.summary(d)) }),
    'study.next': (r) => this.next(this.deck('study.next', r['deckId']).id),
    'study.rate': (r) => {
      if (this.failNextRate) {
        const error = this.failNextRate;
        this.failNextRate = undefined;
        throw error;
      }
      const side = this.sides.find((s) => s.cardId === r['cardId']);
      if (!side)
        throw { code: 'CardNotFound', message: `study.rate: there is no card with id ${String(r['cardId'])}.` };
      if (side.suspended) {
        throw {
          code: 'CardSuspended',
          message: `study.rate: card ${side.cardId} is suspended; unsuspend it to study it.`,
        };
      }
      this.log.push({ cardId: side.cardId, rating: Number(r['rating']), before: { ...side } });
      if (r['rating'] === 1) {
        side.queue = 'learning';
        this.sides.splice(this.sides.indexOf(side), 1);
        this.sides.push(side);
      } else {
        side.done = true;
      }
      const i = Number(r['rating']) - 1;
      return {
        rated: {
          cardId: side.cardId,
          rating: r['rating'],
          dueAt: NOW + INTERVALS[i]!,
          intervalMs: INTERVALS[i]!,
          leech: false,
          suspended: false,
        },
        next: this.next(side.deckId),
      };
    },
    'study.undo': () => {
      const last = this.log.pop();
      if (!last) throw { code: 'NothingToUndo', message: 'study.undo: there is no rating to undo.' };
      const side = this.sides.find((s) => s.cardId === last.cardId)!;
      Object.assign(side, last.before);
      this.sides.splice(this.sides.indexOf(side), 1);
      this.sides.unshift(side);
      return {
        undone: { cardId: side.cardId, rating: last.rating, reviewedAt: NOW },
        card: this.view(side),
        counts: this.counts(side.deckId),
      };
    },
    'stats.summary': (r) => ({
      today: TODAY,
      deckId: r['deckId'] ?? null,
      reviewsByDay: [
        { date: '2026-11-27', reviews: 9, seconds: 90 },
        { date: TODAY, reviews: this.reviewsToday(r['deckId'] as string | undefined), seconds: 60 },
      ],
    }),
    'study.settings.get': () => ({
      study: { ...this.settings, examTarget: 0.9, examDeckIds: null, dayStartHour: 4, timeZone: 'UTC' },
    }),
    'study.settings.set': (r) => {
      const study = (r['study'] ?? {}) as Record<string, unknown>;
      if (typeof study['examDate'] === 'string' && study['examDate'] <= TODAY) {
        throw {
          code: 'ValidationError',
          message: `study.settings.set: 'examDate' must be after today (${TODAY}), got '${study['examDate']}'.`,
        };
      }
      if (study['examDate'] !== undefined) this.settings.examDate = study['examDate'] as string | null;
      if (study['dailyBudgetMinutes'] !== undefined)
        this.settings.dailyBudgetMinutes = Number(study['dailyBudgetMinutes']);
      return this.handlers['study.settings.get']!({});
    },
    'study.plan': () => this.plan(),
    'cards.suspend': (r) => this.setSuspended(r, true),
    'cards.unsuspend': (r) => this.setSuspended(r, false),
    'decks.cards': (r) => {
      const deck = this.deck('decks.cards', r['deckId']);
      const text = String(r['text'] ?? '').toLowerCase();
      const all = deck.cards.filter((c) => !text || `${c.id} ${c.front} ${c.back ?? ''}`.toLowerCase().includes(text));
      const offset = Number(r['offset'] ?? 0);
      const limit = Number(r['limit'] ?? 50);
      return { total: all.length, offset, cards: all.slice(offset, offset + limit).map((c) => this.entry(deck.id, c)) };
    },
    'cards.update': (r) => {
      const deck = this.deck('cards.update', r['deckId']);
      const i = deck.cards.findIndex((c) => c.id === r['id']);
      if (i < 0)
        throw { code: 'CardNotFound', message: `cards.update: deck '${deck.id}' has no card '${String(r['id'])}'.` };
      const changes = r['changes'] as Record<string, unknown>;
      const merged = { ...deck.cards[i]!, ...changes } as Record<string, unknown>;
      for (const [k, v] of Object.entries(changes)) if (v === null) delete merged[k];
      if (typeof merged['front'] === 'string' && merged['front'].includes('<script')) {
        throw {
          code: 'ValidationError',
          message: `cards.update: card '${String(r['id'])}': front must not hold a script.`,
        };
      }
      deck.cards[i] = merged as unknown as Card;
      for (const s of this.sides) if (s.card.id === r['id'] && s.deckId === deck.id) s.card = deck.cards[i]!;
      this.host.emit('decks.changed', { deckId: deck.id, reason: 'update' });
      return { card: this.entry(deck.id, deck.cards[i]!), sidesAdded: [], sidesRemoved: [] };
    },
    'decks.import': (r) => {
      const { report, cards } = this.importReport(r);
      if (report.dryRun) return report;
      const existing = this.decks.find((d) => d.id === report.deckId);
      if (existing) {
        for (const c of cards) if (!existing.cards.some((e) => e.id === c.id)) existing.cards.push(c);
      } else {
        this.addDeck(report.deckId, report.deckName, cards);
      }
      this.host.emit('decks.changed', { deckId: report.deckId, reason: 'import' });
      return report;
    },
    'decks.export': (r) => {
      const deck = this.deck('decks.export', r['deckId']);
      const csv = `front,back\n${deck.cards.map((c) => `${c.front},${c.back ?? ''}`).join('\n')}\n`;
      return {
        fileName: `${deck.id}.${String(r['format'])}`,
        format: r['format'],
        cardCount: deck.cards.length,
        byteLength: csv.length,
        data: btoa(String.fromCharCode(...new TextEncoder().encode(csv))),
        warnings: [],
      };
    },
    'decks.delete': (r) => {
      const deck = this.deck('decks.delete', r['deckId']);
      this.decks = this.decks.filter((d) => d !== deck);
      this.sides = this.sides.filter((s) => s.deckId !== deck.id);
      this.host.emit('decks.changed', { deckId: deck.id, reason: 'delete' });
      return { deckId: deck.id, cards: deck.cards.length, studied: 0 };
    },
  };

  private setSuspended(r: Record<string, unknown>, suspended: boolean) {
    const ids = r['cardIds'] as number[];
    return {
      cards: ids.map((id) => {
        const side = this.sides.find((s) => s.cardId === id);
        if (!side) throw { code: 'CardNotFound', message: `cards.suspend: there is no card with id ${id}.` };
        side.suspended = suspended;
        return { cardId: id, suspended };
      }),
    };
  }
}

/** Adds the library's calls to the host; the FakeHost answers the rest. */
export function installLibrary(host: FakeHost): FakeLibrary {
  const library = new FakeLibrary(host);
  const original = host.api.invoke.bind(host.api);
  host.api.invoke = (async (name: string, request: unknown) => {
    const handler = library.handlers[name];
    if (!handler) return original(name as never, request as never);
    host.calls.push([name, request]);
    try {
      return { ok: true, data: await handler((request ?? {}) as Record<string, unknown>) };
    } catch (e) {
      return { ok: false, error: e as { code: string; message: string } };
    }
  }) as HostApi['invoke'];
  return library;
}

export const requestsOf = (host: FakeHost, name: string): unknown[] =>
  host.calls.filter(([n]) => n === name).map(([, r]) => r);
