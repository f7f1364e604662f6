/**
 * The card being studied. Everything the answer will show is laid out from the start and
 * only hidden (visibility), so revealing it, or answering a multiple-choice card, moves
 * nothing on screen. Screen readers hear the question when a card comes and the answer when
 * it is revealed, through one polite live region.
 */
import { forwardRef, useId, useMemo } from 'react';
import type { StudyCardView } from '../../core/app/calls/study';
import { useServices } from '../app-context';
import { Markdown } from '../markdown/markdown';
import { htmlText, renderInlineMarkdown, renderMarkdown } from '../markdown/render';
import './study-card.css';

export interface CardFaces {
  question: string;
  answer: string | null;
  /** For cloze cards: the deletion asked (1 for c1). */
  cloze?: number;
}

/** What a card asks and answers: a reversed side asks its back; a cloze side asks one deletion. */
export function facesOf(card: StudyCardView): CardFaces {
  if (card.kind === 'basic' && card.ord === 1) return { question: card.back ?? '', answer: card.front };
  if (card.kind === 'cloze') return { question: card.front, answer: card.back, cloze: card.ord + 1 };
  return { question: card.front, answer: card.back };
}

const QUEUE_LABELS = { new: 'New', learning: 'Learning', review: 'Review' } as const;

/** What the live region says: the question of a new card, or the answer once revealed. */
function announcement(card: StudyCardView, faces: CardFaces, revealed: boolean, choice: number | undefined): string {
  if (!revealed)
    return `Question: ${htmlText(renderMarkdown(faces.question, faces.cloze ? { active: faces.cloze, revealed: false } : undefined))}`;
  const parts: string[] = [];
  if (card.kind === 'mcq' && card.options) {
    const right = card.options.findIndex((o) => o.correct);
    if (choice !== undefined)
      parts.push(card.options[choice]?.correct ? 'Correct.' : `Not correct: the answer is option ${right + 1}.`);
    else parts.push(`The answer is option ${right + 1}.`);
  } else if (faces.cloze) {
    parts.push(`Answer: ${htmlText(renderMarkdown(faces.question, { active: faces.cloze, revealed: true }))}`);
  }
  if (faces.answer) parts.push(`${card.kind === 'basic' ? 'Answer: ' : ''}${htmlText(renderMarkdown(faces.answer))}`);
  parts.push('Rate your recall from 1 to 5.');
  return parts.join(' ');
}

export interface StudyCardProps {
  card: StudyCardView;
  revealed: boolean;
  choice: number | undefined;
}

export const StudyCard = forwardRef<HTMLElement, StudyCardProps>(function StudyCard({ card, revealed, choice }, ref) {
  const id = useId();
  const faces = facesOf(card);
  const spoken = useMemo(() => announcement(card, facesOf(card), revealed, choice), [card, revealed, choice]);
  return (
    <article ref={ref} className="study-card" data-card-id={card.cardId} tabIndex={-1} aria-labelledby={`${id}-q`}>
      <CardBadges card={card} />
      <section
        id={`${id}-q`}
        className="card-question"
        aria-label={card.kind === 'basic' && card.ord === 1 ? 'Question (reverse side)' : 'Question'}
      >
        <Markdown text={faces.question} {...(faces.cloze ? { cloze: { active: faces.cloze, revealed } } : {})} />
      </section>
      {card.kind === 'mcq' && card.options ? <McqOptions card={card} revealed={revealed} choice={choice} /> : null}
      <section
        className={revealed ? 'card-answer revealed' : 'card-answer'}
        aria-label="Answer"
        aria-hidden={!revealed}
      >
        {card.kind === 'mcq' && card.options ? <McqExplanations card={card} choice={choice} /> : null}
        {faces.answer ? <Markdown text={faces.answer} /> : null}
      </section>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken}
      </div>
      <CardFooter card={card} />
    </article>
  );
});

function CardBadges({ card }: { card: StudyCardView }) {
  return (
    <div className="card-badges">
      <span className={`badge queue-${card.queue}`}>{QUEUE_LABELS[card.queue]}</span>
      {card.kind !== 'basic' ? (
        <span className="badge kind">{card.kind === 'mcq' ? 'Multiple choice' : 'Cloze'}</span>
      ) : null}
      {card.finalReview ? (
        <span className="badge plan">Final review before the exam</span>
      ) : card.planned ? (
        <span className="badge plan">In today's plan</span>
      ) : null}
      {card.lapses > 0 ? <span className="card-stat">Forgotten {card.lapses}×</span> : null}
    </div>
  );
}

function McqOptions({
  card,
  revealed,
  choice,
}: {
  card: StudyCardView;
  revealed: boolean;
  choice: number | undefined;
}) {
  const { actions } = useServices();
  return (
    <ol className="mcq-options" aria-label="Options">
      {card.options!.map((option, i) => {
        const verdict = !revealed ? '' : option.correct ? ' correct' : i === choice ? ' wrong' : ' other';
        return (
          <li key={i} className={`mcq-option${verdict}`}>
            <button
              type="button"
              className="mcq-choice"
              disabled={revealed}
              aria-keyshortcuts={String(i + 1)}
              aria-pressed={choice === i}
              onClick={() => void actions.run(`study.choose${i + 1}`)}
            >
              <kbd className="mcq-key" aria-hidden="true">
                {i + 1}
              </kbd>
              <Markdown text={option.text} inline />
              <span className="mcq-mark" aria-hidden="true">
                {revealed && option.correct ? '✓' : revealed && i === choice ? '✗' : ''}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function McqExplanations({ card, choice }: { card: StudyCardView; choice: number | undefined }) {
  const right = card.options!.findIndex((o) => o.correct);
  const verdict =
    choice === undefined
      ? `The answer is option ${right + 1}.`
      : choice === right
        ? 'Correct.'
        : `Not quite: the answer is option ${right + 1}.`;
  return (
    <div className="mcq-explanations">
      <p className={`mcq-verdict${choice === undefined ? '' : choice === right ? ' correct' : ' wrong'}`}>{verdict}</p>
      <ol>
        {card.options!.map((option, i) => (
          <li key={i} className={option.correct ? 'correct' : i === choice ? 'wrong' : undefined}>
            <span className="mcq-expl-head">
              {i + 1}. {option.correct ? 'Right' : 'Wrong'}
              {i === choice ? ' (your answer)' : ''}:
            </span>{' '}
            <span
              className="md md-inline"
              dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(option.explanation) }}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

function CardFooter({ card }: { card: StudyCardView }) {
  const source = card.source && /^https:\/\//.test(card.source) ? card.source : undefined;
  return (
    <footer className="card-footer">
      {card.tags.length > 0 ? (
        <ul className="tag-list" aria-label="Tags">
          {card.tags.map((t) => (
            <li key={t} className="tag">
              {t}
            </li>
          ))}
        </ul>
      ) : null}
      {source ? (
        <a className="source-link" href={source} target="_blank" rel="noopener noreferrer" title={source}>
          Source: {sourceLabel(source)} <span aria-hidden="true">↗</span>
          <span className="visually-hidden"> (opens outside the app)</span>
        </a>
      ) : null}
    </footer>
  );
}

/** "docs.aws.amazon.com › kms › … › API_Encrypt" */
function sourceLabel(url: string): string {
  try {
    const u = new URL(url);
    const page = u.pathname
      .split('/')
      .filter(Boolean)
      .pop()
      ?.replace(/\.html$/, '');
    return page ? `${u.hostname} › ${page}` : u.hostname;
  } catch {
    return url;
  }
}
