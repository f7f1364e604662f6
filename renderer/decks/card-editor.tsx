/**
 * Edits a card's front, back and tags. The form is checked as the learner types (messages
 * tied to their fields); the host checks again on save and its reason shows in the form.
 * Ctrl/Cmd+Enter saves. A preview shows the Markdown as study will.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CardEntry } from '../../core/app/calls/decks';
import { useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import { Markdown } from '../markdown/markdown';
import { changesOf, formOf, validateCardForm, type CardForm, type FormProblems } from './card-form';

const BACK_LABELS = {
  basic: 'Back (the answer)',
  cloze: 'Extra (shown after the answer)',
  mcq: 'Explanation',
} as const;

export function CardEditor({ entry }: { entry: CardEntry }) {
  const { library, actions, mac } = useServices();
  const card = entry.card;
  const [form, setForm] = useState<CardForm>(() => formOf(card));
  const [touched, setTouched] = useState<Partial<Record<keyof CardForm, boolean>>>({});
  const [hostError, setHostError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState(false);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const saveKey = mac ? '⌘↵' : 'Ctrl+↵';

  const problems = useMemo(() => validateCardForm(card.kind, form), [card.kind, form]);
  const changes = useMemo(() => changesOf(card, form), [card, form]);
  const dirty = Object.keys(changes).length > 0;
  const shown: FormProblems = Object.fromEntries(
    Object.entries(problems).filter(([k]) => touched[k as keyof CardForm]),
  ) as FormProblems;

  useEffect(() => {
    heading.current?.focus();
  }, []);

  // The save action (and Ctrl/Cmd+Enter) reaches this form through the deck library.
  const save = useRef<() => Promise<void>>(async () => {});
  save.current = async () => {
    setTouched({ front: true, back: true, tags: true });
    setHostError(undefined);
    if (Object.keys(problems).length > 0 || !dirty || saving) return;
    setSaving(true);
    try {
      await library.updateCard(entry.deckId, card.id, changes);
    } catch (e) {
      setHostError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  useEffect(() => {
    library.attachEditor({ save: () => save.current() });
    return () => library.attachEditor(undefined);
  }, [library]);

  const field = (name: keyof CardForm) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
    onBlur: () => setTouched((t) => ({ ...t, [name]: true })),
    'aria-invalid': shown[name] ? true : undefined,
    'aria-describedby': shown[name] ? `${id}-${name}-error` : undefined,
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (mac ? e.metaKey : e.ctrlKey)) {
      e.preventDefault();
      void actions.run('decks.save-card');
    }
  };
  const error = (name: keyof CardForm) =>
    shown[name] ? (
      <p id={`${id}-${name}-error`} className="form-error">
        {shown[name]}
      </p>
    ) : null;

  return (
    <section className="card-editor" aria-labelledby={`${id}-title`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void actions.run('decks.save-card');
        }}
        onKeyDown={onKeyDown}
        noValidate
      >
        <header className="card-editor-head">
          <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
            Edit <span className="card-row-id">{card.id}</span>
          </h2>
          <span className="badge">
            {card.kind === 'mcq' ? 'Multiple choice' : card.kind === 'cloze' ? 'Cloze' : 'Basic'}
          </span>
          <label className="inline-field preview-toggle">
            <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} /> Preview
          </label>
        </header>
        <label className="field">
          <span>
            {card.kind === 'mcq'
              ? 'Question'
              : card.kind === 'cloze'
                ? 'Text with deletions, e.g. {{c1::answer}}'
                : 'Front (the question)'}
          </span>
          <textarea rows={5} {...field('front')} />
        </label>
        {error('front')}
        {preview ? (
          <Markdown
            className="card-preview"
            text={form.front}
            {...(card.kind === 'cloze' ? { cloze: { active: null, revealed: true } } : {})}
          />
        ) : null}
        {card.kind === 'mcq' && card.options ? (
          <div className="field">
            <span>Options (edit them in the deck file: export, change, import)</span>
            <ol className="option-list">
              {card.options.map((o, i) => (
                <li key={i} className={o.correct ? 'correct' : undefined}>
                  <Markdown text={o.text} inline /> {o.correct ? <strong>(correct)</strong> : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        <label className="field">
          <span>{BACK_LABELS[card.kind]}</span>
          <textarea rows={6} {...field('back')} />
        </label>
        {error('back')}
        {preview && form.back.trim() ? <Markdown className="card-preview" text={form.back} /> : null}
        <label className="field">
          <span>Tags (separated by spaces)</span>
          <input type="text" spellCheck={false} {...field('tags')} />
        </label>
        {error('tags')}
        {hostError ? (
          <p className="form-error" role="alert">
            {hostError}
          </p>
        ) : null}
        <div className="card-editor-buttons">
          <button type="submit" className="button primary" disabled={saving || !dirty}>
            {saving ? 'Saving…' : 'Save'} <kbd className="shortcut">{saveKey}</kbd>
          </button>
          <ActionButton action="decks.close-card">Close</ActionButton>
          <span className="muted" role="status">
            {dirty ? 'Unsaved changes' : 'No changes'}
          </span>
        </div>
      </form>
    </section>
  );
}
