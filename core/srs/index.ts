/** The study core's public surface: scheduling (FSRS + the 1–5 rating map), queue rules, study days, the exam plan, stats. */
export { RATING_MAP, RATING_LABELS, STUDY_RATINGS, GRADE, isRecalled, isStudyRating } from './rating-map';
export type { StudyRating, RatingRule } from './rating-map';
export {
  CARD_STATE,
  CARD_STATE_NAMES,
  DEFAULT_WEIGHTS,
  newMemory,
  recallAt,
  fsrsModel,
  type CardStateName,
  type CardStateNumber,
  type MemoryState,
  type ModelParams,
} from './memory';
export {
  previewRatings,
  rate,
  replay,
  strictlyRising,
  UTC_DAYS,
  DAY_MS,
  MINUTE_MS,
  type DayAligner,
  type RatingOutcome,
} from './scheduler';
export { StudyDays, bucketOf, isTimeZone, type StudyDayConfig } from './study-day';
export {
  DEFAULT_DECK_SETTINGS,
  DEFAULT_STUDY_SETTINGS,
  LEECH_ACTIONS,
  SETTING_RANGES,
  deckSettingsFrom,
  stepMinutes,
  stepsProblem,
  type DeckStudySettings,
  type LeechAction,
  type StepText,
  type StudySettings,
} from './settings';
export {
  LEARN_AHEAD_MS,
  LEECH_TAG,
  isLeechLapse,
  pickQueue,
  remainingLimits,
  splitTags,
  withTag,
  type DayProgress,
  type QueueCounts,
  type QueueKind,
} from './queue';
export { intervalLabel, intervalLabels } from './interval-label';
export {
  planExam,
  RETENTION_CHOICES,
  type CardForecast,
  type ExamPlan,
  type PlanCard,
  type PlanDay,
  type PlanDeck,
  type PlanInput,
} from './plan';
export {
  summarizeLog,
  dueForecast,
  groupRecall,
  MATURE_DAYS,
  MAX_COUNTED_MS,
  PERIODS,
  type CalibrationRow,
  type DayActivity,
  type ForecastDay,
  type LogRow,
  type LogSummary,
  type Period,
  type Ratio,
  type RecallGroup,
  type RetentionRow,
  type TimeRow,
} from './stats';
