/**
 * Exam-date readiness from the study plan: the cards due each day until the exam, and the
 * recall predicted for exam day per deck, exam domain and tag, with and without the plan.
 */
import { useMemo } from 'react';
import type { ExamPlanView, PlanRecallGroupView } from '../../core/app/calls/study';
import { groupName, MAX_CHART_GROUPS, planDaysConfig, planRecallConfig } from './chart-configs';
import type { ChartTheme } from './chart-theme';
import { ChartFigure, DataTable } from './chart-figure';
import { percent, plural, shortDate } from './stats-format';

type ActivePlan = Extract<ExamPlanView, { active: true }>;

/** The plan's target travels with the groups, so the chart's builder stays a plain function. */
interface RecallData {
  groups: readonly PlanRecallGroupView[];
  target: number;
}
const buildRecall = (d: RecallData, t: ChartTheme) => planRecallConfig(d.groups, d.target, t);

function RecallTable({
  caption,
  label,
  groups,
}: {
  caption: string;
  label: string;
  groups: readonly PlanRecallGroupView[];
}) {
  return (
    <DataTable
      caption={caption}
      head={[label, 'Cards', 'With the plan', 'Without it']}
      rows={[...groups]
        .sort((a, b) => a.recall - b.recall)
        .map((g) => [groupName(g), g.cards, percent(g.recall), percent(g.withoutPlan)])}
    />
  );
}

function PlanRecall({ plan, by, groups }: { plan: ActivePlan; by: string; groups: readonly PlanRecallGroupView[] }) {
  const data = useMemo(() => ({ groups, target: plan.target }), [groups, plan.target]);
  const below = groups.filter((g) => g.recall < plan.target).length;
  const drawn = Math.min(groups.length, MAX_CHART_GROUPS);
  return (
    <ChartFigure
      title={`Exam-day recall by ${by}`}
      note={
        groups.length > drawn
          ? `The ${drawn} weakest of ${groups.length}, weakest first; the table lists all.`
          : undefined
      }
      summary={`Bar chart of predicted exam-day recall for the ${plural(drawn, by)} with the weakest recall; ${below} of ${groups.length} below the ${percent(plan.target)} target.`}
      data={data}
      build={buildRecall}
      height={Math.max(120, 30 * drawn + 70)}
      empty={
        groups.length === 0 ? `None of the exam’s cards has ${/^[aeiou]/.test(by) ? 'an' : 'a'} ${by}.` : undefined
      }
      table={
        <RecallTable
          caption={`Predicted exam-day recall by ${by}`}
          label={by.charAt(0).toUpperCase() + by.slice(1)}
          groups={groups}
        />
      }
    />
  );
}

export function Readiness({ plan }: { plan: ExamPlanView }) {
  if (!plan.active) {
    return (
      <section className="stats-section" aria-labelledby="readiness-title">
        <h2 id="readiness-title">Exam readiness</h2>
        <p className="stats-empty">
          {plan.reason === 'no-exam-date'
            ? 'Set your exam date in the Study view’s settings: this section then shows the reviews planned for each day until the exam and how much you are predicted to recall on the day.'
            : `Your exam day (${plan.examDate ?? 'today'}) has come: the plan has ended. Set a new exam date to plan again.`}
        </p>
      </section>
    );
  }
  const dueDays = plan.days.filter((d) => d.reviews + d.finalReviews + d.newCards > 0);
  const gap = plan.predicted.overall - plan.target;
  return (
    <section className="stats-section" aria-labelledby="readiness-title">
      <h2 id="readiness-title">Exam readiness</h2>
      <p className="readiness-summary">
        Exam on <strong>{plan.examDate}</strong>, in {plural(plan.daysLeft, 'day')}. Predicted recall on exam day:{' '}
        <strong className={gap >= 0 ? 'good' : 'short'}>{percent(plan.predicted.overall)}</strong> with the plan (
        {percent(plan.predicted.withoutPlan)} without it); target {percent(plan.target)}.{' '}
        {plan.unseenAtExam > 0 ? `${plural(plan.unseenAtExam, 'card')} will not have been seen by then. ` : ''}
        Budget: {plan.budgetMinutes} min a day.
      </p>
      {plan.warnings.length ? (
        <ul className="readiness-warnings">
          {plan.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <div className="stats-grid">
        <ChartFigure
          wide
          title="Cards per day until the exam"
          summary={`Bar chart of the cards planned for each of the ${plural(plan.days.length, 'day')} until the exam.`}
          data={plan.days}
          build={planDaysConfig}
          empty={dueDays.length === 0 ? 'Nothing is planned before the exam.' : undefined}
          table={
            <DataTable
              caption="Cards planned per day"
              head={['Day', 'Reviews', 'Final reviews', 'New cards', 'Minutes']}
              rows={plan.days.map((d) => [
                shortDate(d.date),
                d.reviews,
                d.finalReviews,
                d.newCards,
                Math.round(d.minutes),
              ])}
            />
          }
        />
        <PlanRecall plan={plan} by="deck" groups={plan.predicted.byDeck} />
        <PlanRecall plan={plan} by="exam domain" groups={plan.predicted.byDomain} />
        <PlanRecall plan={plan} by="tag" groups={plan.predicted.byTag} />
      </div>
    </section>
  );
}
