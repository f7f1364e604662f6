/** stats.summary over the library: the review log and the cards, summarised by srs/stats.ts. */
import type { RecallGroupView, StatsSummary } from '../app/calls/study';
import {
  CARD_STATE,
  dueForecast,
  groupRecall,
  recallAt,
  splitTags,
  StudyDays,
  summarizeLog,
  type RecallGroup,
} from '../srs';
import type { StudyInsights } from './study-insights';
import type { StudyRepository } from './study-repository';
import type { StudySettingsStore } from './study-settings';

export function studyStats(
  repo: StudyRepository,
  insights: StudyInsights,
  settings: StudySettingsStore,
  now: number,
  deckId?: string,
): StatsSummary {
  const days = settings.days();
  const today = days.dayOf(now);
  const cards = insights.cards(deckId);
  const log = summarizeLog(insights.logRows(deckId), days, today);
  const counts = { new: 0, learning: 0, review: 0, suspended: 0, total: cards.length };
  for (const c of cards) {
    if (c.suspended) counts.suspended++;
    else if (c.memory.state === CARD_STATE.New) counts.new++;
    else if (c.memory.state === CARD_STATE.Review) counts.review++;
    else counts.learning++;
  }
  const titles = new Map<string, string>();
  for (const d of repo.decks()) {
    const domains = (JSON.parse(d.manifest) as { domains?: Record<string, string> }).domains ?? {};
    for (const [key, title] of Object.entries(domains)) if (!titles.has(key)) titles.set(key, title);
  }
  const recall = (c: (typeof cards)[number]) => recallAt(c.memory, now);
  const view = (g: RecallGroup, title: string | null): RecallGroupView => ({ ...g, title });
  return {
    today: StudyDays.isoDate(today),
    deckId: deckId ?? null,
    cards: counts,
    reviewsByDay: log.reviewsByDay,
    forecast: dueForecast(
      cards.map((c) => ({ state: c.memory.state, due: c.memory.due, suspended: c.suspended })),
      days,
      today,
    ),
    retention: log.retention,
    timeSpent: log.timeSpent,
    recallByTag: groupRecall(cards, (c) => splitTags(c.tags), recall).map((g) => view(g, null)),
    recallByDomain: groupRecall(cards, (c) => (c.domain ? [c.domain] : []), recall).map((g) =>
      view(g, titles.get(g.key) ?? null),
    ),
    calibration: log.calibration,
  };
}
