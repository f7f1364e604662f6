/**
 * The exam plan: the exam date and the minutes a day the learner can give, and one line on
 * how ready the plan says they will be. The host checks the settings; its reasons show here.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ExamPlanView } from '../../core/app/calls/study';
import { useAppState, useHostData, useServices } from '../app-context';
import { percent, plural } from './format';
import { planProblem } from './study-controller';

/** One line on readiness, and the plan's warnings. */
export function readiness(plan: ExamPlanView | undefined): { line: string; warnings: string[] } {
  if (!plan) return { line: 'Loading the plan…', warnings: [] };
  if (!plan.active) {
    return plan.reason === 'exam-day-reached'
      ? { line: `The exam day (${plan.examDate}) has come: the plan has ended. Good luck!`, warnings: [] }
      : { line: 'Set an exam date to plan your reviews toward it.', warnings: [] };
  }
  const today = plan.days[0];
  const work = today
    ? ` Today: ${plural(today.reviews + today.finalReviews, 'review')} and ${today.newCards} new, about ${Math.round(today.minutes)} min.`
    : '';
  const unseen = plan.unseenAtExam > 0 ? ` ${plural(plan.unseenAtExam, 'card')} will still be unseen on exam day.` : '';
  return {
    line:
      `Exam in ${plural(plan.daysLeft, 'day')}: predicted recall ${percent(plan.predicted.overall)} ` +
      `(target ${percent(plan.target)}; ${percent(plan.predicted.withoutPlan)} without the plan).${work}${unseen}`,
    warnings: plan.warnings,
  };
}

export function ExamPlan() {
  const { study } = useServices();
  const plan = useAppState((s) => s.studyPlan);
  const [revision, setRevision] = useState(0);
  const settings = useHostData('study.settings.get', {}, revision);
  const [examDate, setExamDate] = useState('');
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const id = useId();

  useEffect(() => {
    void study.loadPlan().catch((e: Error) => setError(e.message));
  }, [study]);
  useEffect(() => {
    const s = settings.data?.study;
    if (!s) return;
    setExamDate(s.examDate ?? '');
    setMinutes(String(s.dailyBudgetMinutes));
  }, [settings.data]);

  const save = async (date: string | null) => {
    const change = { examDate: date, dailyBudgetMinutes: Number(minutes) };
    const problem = planProblem(change);
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      await study.savePlan(change);
      setRevision((r) => r + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(examDate === '' ? null : examDate);
  };
  const { line, warnings } = readiness(plan);

  return (
    <section className="exam-plan" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="side-heading">
        Exam plan
      </h2>
      <p className="readiness" aria-live="polite">
        {line}
      </p>
      {warnings.length > 0 ? (
        <ul className="plan-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <form className="plan-form" onSubmit={onSubmit} noValidate>
        <label className="field">
          <span>Exam date</span>
          <input
            type="date"
            value={examDate}
            onChange={(e) => setExamDate(e.target.value)}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </label>
        <label className="field">
          <span>Minutes a day</span>
          <input
            type="number"
            inputMode="numeric"
            min={5}
            max={720}
            step={5}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            aria-invalid={error?.startsWith('Daily') ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </label>
        <div className="plan-buttons">
          <button type="submit" className="button" disabled={saving || !settings.data}>
            Save plan
          </button>
          {settings.data?.study.examDate ? (
            <button type="button" className="button ghost" disabled={saving} onClick={() => void save(null)}>
              Clear the date
            </button>
          ) : null}
        </div>
        {error ? (
          <p id={`${id}-error`} className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
