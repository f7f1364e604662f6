// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAST_DECK_KEY } from '../../renderer/study/study-controller';
import { renderApp, type RenderedApp } from './render-app';
import { SAMPLE_CARDS } from './study-library-cards';
import { installLibrary, requestsOf, type Card, type FakeLibrary } from './study-library-host';

const fakeMonacoSetup = await vi.hoisted(async () => (await import('./render-app')).fakeMonacoSetup);
vi.mock('../../renderer/playground/monaco-setup', () => fakeMonacoSetup);
// happy-dom cannot run DOMPurify (tested in Chromium: test/e2e/study-markdown.test.ts): card HTML passes as is.
vi.mock('../../renderer/markdown/sanitize', () => ({ sanitizeHtml: (html: string) => html }));

let app: RenderedApp | undefined;
let library: FakeLibrary;

beforeEach(() => localStorage.clear());
afterEach(() => {
  app?.close();
  app = undefined;
  cleanup();
});

/** The app on the Study view, with a library holding `cards` (and another, empty-ish deck). */
async function study(cards: Card[] = SAMPLE_CARDS): Promise<RenderedApp> {
  history.replaceState(null, '', '#/study');
  app = renderApp();
  library = installLibrary(app.host);
  library.addDeck('kms-essentials', 'KMS Essentials', cards, '1.0.0');
  library.addDeck('other', 'Other deck', [{ id: 'o-1', kind: 'basic', front: 'Other front', back: 'Other back' }]);
  // The view may have mounted (and asked for the plan) before the library's calls were added.
  await act(() => app!.services.study.loadPlan());
  await screen.findByRole('article');
  return app;
}

const key = (k: string, extra: Record<string, unknown> = {}) =>
  fireEvent.keyDown(document.activeElement ?? window, {
    key: k,
    code: /^\d$/.test(k) ? `Digit${k}` : k === ' ' ? 'Space' : /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : k,
    ...extra,
  });

const card = () => screen.getByRole('article');
const answer = () => card().querySelector<HTMLElement>('.card-answer')!;
const live = () => card().querySelector('[aria-live]')!.textContent;

describe('studying a deck', () => {
  it('picks a deck with cards to study and shows the first card, its answer laid out but hidden', async () => {
    const { services } = await study();
    const picker = screen.getByRole('navigation', { name: 'Decks' });
    const chosen = within(picker).getByRole('button', { name: 'KMS Essentials: 5 new, 0 learning, 0 to review' });
    expect(chosen.getAttribute('aria-current')).toBe('true');
    expect(within(picker).getByRole('button', { name: 'Other deck: 1 new, 0 learning, 0 to review' })).toBeTruthy();
    expect(card().textContent).toContain('What is the largest plaintext Encrypt takes?');
    expect(answer().getAttribute('aria-hidden')).toBe('true');
    expect(answer().className).toBe('card-answer');
    // The answer is on the page (so revealing it moves nothing), only hidden.
    expect(answer().textContent).toContain('4096 bytes.');
    expect(live()).toBe('Question: What is the largest plaintext Encrypt takes?');
    expect(await screen.findByText('0 cards studied today')).toBeTruthy();
    expect(localStorage.getItem(LAST_DECK_KEY)).toBe('kms-essentials');
    expect(services.store.getState().studyPhase).toBe('question');
    const source = screen.getByRole('link', { name: /Source: docs\.aws\.amazon\.com › API_Encrypt/ });
    expect(source.getAttribute('target')).toBe('_blank');
    expect(source.getAttribute('rel')).toBe('noopener noreferrer');
    expect(
      within(screen.getByRole('list', { name: 'Tags' }))
        .getAllByRole('listitem')
        .map((t) => t.textContent),
    ).toEqual(['kms', 'limits']);
  });

  it('reveals with Space, rates with a number key, and counts the card as studied today', async () => {
    const { host } = await study();
    key(' ');
    await waitFor(() => expect(answer().className).toBe('card-answer revealed'));
    expect(answer().getAttribute('aria-hidden')).toBe('false');
    expect(live()).toContain('Answer: 4096 bytes.');
    // The code block is highlighted.
    expect(
      answer().querySelector('pre code.hljs.language-bash .hljs-built_in, pre code.hljs.language-bash span'),
    ).toBeTruthy();
    const ratings = screen.getByRole('group', { name: 'How well did you recall it?' });
    expect(
      within(ratings)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual([
      'Not at all (1): next in 1 minute',
      'Barely (2): next in 6 minutes',
      'With effort (3): next in 8 minutes',
      'Well (4): next in 10 minutes',
      'Perfectly (5): next in 8 days',
    ]);
    expect(
      within(ratings)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1 Not at all1m', '2 Barely6m', '3 With effort8m', '4 Well10m', '5 Perfectly8d']);
    key('3');
    await waitFor(() => expect(card().textContent).toContain('A key ARN looks like'));
    const rate = requestsOf(host, 'study.rate')[0] as { cardId: number; rating: number; timeTakenMs: number };
    expect(rate).toMatchObject({ cardId: 1, rating: 3 });
    expect(rate.timeTakenMs).toBeGreaterThanOrEqual(0);
    expect(await screen.findByText('1 card studied today')).toBeTruthy();
    expect(screen.getByText('4 new')).toBeTruthy();
    // The answer of the next card is hidden again.
    expect(answer().className).toBe('card-answer');
  });

  it('does not rate before the answer is shown, and rates by button as by key', async () => {
    const { host } = await study();
    key('4');
    await act(() => Promise.resolve());
    expect(requestsOf(host, 'study.rate')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /^Show answer/ }));
    fireEvent.click(await screen.findByRole('button', { name: /^Perfectly \(5\)/ }));
    await waitFor(() => expect(requestsOf(host, 'study.rate')).toMatchObject([{ cardId: 1, rating: 5 }]));
  });

  it('undoes the last answer with Ctrl+Z: the card comes back unanswered and the count goes down', async () => {
    const { host } = await study();
    key(' ');
    key('4');
    await screen.findByText('1 card studied today');
    key('z', { ctrlKey: true });
    await waitFor(() => expect(card().textContent).toContain('What is the largest plaintext'));
    expect(requestsOf(host, 'study.undo')).toEqual([{}]);
    expect(answer().className).toBe('card-answer');
    expect(await screen.findByText('0 cards studied today')).toBeTruthy();
    // Nothing left to undo: the host says so, and the view says it plainly.
    key('z', { ctrlKey: true });
    expect(await screen.findByText('There is no answer to undo.')).toBeTruthy();
  });

  it('hides the cloze deletion asked, shows the others, and reveals it in place', async () => {
    await study([SAMPLE_CARDS[1]!]);
    const asked = card().querySelector('.cloze-active')!;
    expect(asked.getAttribute('data-cloze')).toBe('1');
    expect(asked.querySelector('.cloze-placeholder')!.textContent).toBe('[…]');
    expect(asked.querySelector('.cloze-answer')!.getAttribute('aria-hidden')).toBe('true');
    // The deletion sits inside inline code and stays code.
    expect(asked.closest('code')).toBeTruthy();
    expect(card().querySelector('.cloze-other')!.textContent).toBe('alias/');
    expect(live()).toBe(
      'Question: A key ARN looks like arn:aws:kms:[…]:111122223333:key/…; an alias name starts with alias/.',
    );
    key(' ');
    await waitFor(() => expect(card().querySelector('.cloze-active.cloze-revealed')).toBeTruthy());
    expect(card().querySelector('.cloze-active .cloze-answer')!.getAttribute('aria-hidden')).toBeNull();
    expect(live()).toContain('Answer: A key ARN looks like arn:aws:kms:us-east-2:111122223333');
    // The second deletion is its own card, with its hint as the placeholder.
    key('2');
    await waitFor(() => expect(card().querySelector('.cloze-active')!.getAttribute('data-cloze')).toBe('2'));
    expect(card().querySelector('.cloze-active .cloze-placeholder')!.textContent).toBe('[prefix]');
  });

  it('answers a multiple-choice card by its number key, explains every option, then rates', async () => {
    const { host, services } = await study([SAMPLE_CARDS[2]!]);
    const options = screen.getByRole('list', { name: 'Options' });
    expect(
      within(options)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1GenerateDataKey', '2GenerateDataKeyWithoutPlaintext', '3GenerateRandom']);
    key('1');
    await waitFor(() => expect(answer().className).toBe('card-answer revealed'));
    expect(services.store.getState().studyChoice).toBe(0);
    expect(requestsOf(host, 'study.rate')).toEqual([]);
    expect(options.querySelector('.mcq-option.wrong')!.textContent).toContain('GenerateDataKey');
    expect(options.querySelector('.mcq-option.correct')!.textContent).toContain('GenerateDataKeyWithoutPlaintext');
    for (const b of within(options).getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true);
    expect(within(answer()).getByText('Not quite: the answer is option 2.')).toBeTruthy();
    expect(answer().textContent).toContain('1. Wrong (your answer): It also returns the plaintext key.');
    expect(answer().textContent).toContain('2. Right: Only the encrypted copy comes back.');
    expect(answer().textContent).toContain('3. Wrong: It returns random bytes, not a key.');
    expect(live()).toContain('Not correct: the answer is option 2.');
    // Now the number keys rate.
    key('1');
    await waitFor(() => expect(requestsOf(host, 'study.rate')).toMatchObject([{ rating: 1 }]));
  });

  it('answers a multiple-choice card by clicking an option', async () => {
    await study([SAMPLE_CARDS[2]!]);
    fireEvent.click(screen.getByRole('button', { name: /GenerateDataKeyWithoutPlaintext/ }));
    expect(await within(answer()).findByText('Correct.')).toBeTruthy();
  });

  it('shows the reverse side of a basic card as back → front', async () => {
    await study([{ id: 'r-1', kind: 'basic', front: 'CMK', back: 'KMS key', reverse: true }]);
    key(' ');
    key('5');
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Question (reverse side)' }).textContent?.trim()).toBe('KMS key'),
    );
    expect(answer().textContent?.trim()).toBe('CMK');
  });

  it('says when the day is done and when the next card is due', async () => {
    await study([SAMPLE_CARDS[3]!]);
    library.nextDueAt = Date.now() + 2 * 3_600_000;
    key(' ');
    key('4');
    expect(await screen.findByRole('heading', { name: 'Done for today' })).toBeTruthy();
    expect(screen.getByText('You studied 1 card in KMS Essentials today.')).toBeTruthy();
    expect(screen.getByText(/^The next card is due (today at|tomorrow at|in \d+ min)/)).toBeTruthy();
    library.nextDueAt = null;
    await act(() => app!.services.study.refresh());
    expect(
      screen.getByText('No card of this deck will come due: it has no cards to study, or all of them are suspended.'),
    ).toBeTruthy();
  });

  it('suspends a card with Alt+S and brings it back with undo', async () => {
    const { host } = await study();
    key('s', { altKey: true });
    await waitFor(() => expect(card().textContent).toContain('A key ARN looks like'));
    expect(requestsOf(host, 'cards.suspend')).toEqual([{ cardIds: [1] }]);
    expect(screen.getByText('Card suspended: it will not be shown until you undo or unsuspend it.')).toBeTruthy();
    key('z', { ctrlKey: true });
    await waitFor(() => expect(card().textContent).toContain('What is the largest plaintext'));
    expect(requestsOf(host, 'cards.unsuspend')).toEqual([{ cardIds: [1] }]);
    expect(requestsOf(host, 'study.undo')).toEqual([]);
  });

  it('moves on when the card was suspended elsewhere, and says why', async () => {
    await study();
    library.failNextRate = {
      code: 'CardSuspended',
      message: 'study.rate: card 1 is suspended; unsuspend it to study it.',
    };
    key(' ');
    key('2');
    expect(
      await screen.findByText('Rate 2: Barely: study.rate: card 1 is suspended; unsuspend it to study it.'),
    ).toBeTruthy();
  });

  it('switches decks from the picker and remembers the deck for next time', async () => {
    await study();
    fireEvent.click(screen.getByRole('button', { name: /^Other deck/ }));
    await waitFor(() => expect(card().textContent).toContain('Other front'));
    expect(localStorage.getItem(LAST_DECK_KEY)).toBe('other');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Other deck');
  });

  it('opens on the deck studied last', async () => {
    localStorage.setItem(LAST_DECK_KEY, 'other');
    await study();
    expect(card().textContent).toContain('Other front');
  });

  it('leaves the deck when it is deleted, and shows an edited card anew', async () => {
    const { services, host } = await study();
    await act(() =>
      services.bridge.invoke('cards.update', {
        deckId: 'kms-essentials',
        id: 'kms-1',
        changes: { front: 'Edited front' },
      }),
    );
    await waitFor(() => expect(card().textContent).toContain('Edited front'));
    await act(() => services.bridge.invoke('decks.delete', { deckId: 'kms-essentials' }));
    await waitFor(() => expect(card().textContent).toContain('Other front'));
    expect(services.store.getState().studyDeckId).toBe('other');
    expect(requestsOf(host, 'decks.delete')).toEqual([{ deckId: 'kms-essentials' }]);
  });

  it('keeps digits and Space typed into a field out of the study keys', async () => {
    const { host } = await study();
    key(' ');
    await waitFor(() => expect(answer().className).toBe('card-answer revealed'));
    const minutes = screen.getByLabelText('Minutes a day');
    minutes.focus();
    fireEvent.keyDown(minutes, { key: '4', code: 'Digit4' });
    fireEvent.keyDown(minutes, { key: 'z', code: 'KeyZ', ctrlKey: true });
    await act(() => Promise.resolve());
    expect(requestsOf(host, 'study.rate')).toEqual([]);
    expect(requestsOf(host, 'study.undo')).toEqual([]);
  });

  it('runs the same study actions from the command palette', async () => {
    const { services, host } = await study();
    const enabled = services.actions.list().filter((a) => a.group === 'Study' && services.actions.enabled(a.id));
    expect(enabled.map((a) => a.id)).toEqual(['study.reveal', 'study.undo', 'study.suspend', 'study.open-source']);
    await act(() => services.actions.run('study.reveal'));
    await act(() => services.actions.run('study.rate5'));
    expect(requestsOf(host, 'study.rate')).toMatchObject([{ cardId: 1, rating: 5 }]);
  });
});

describe('the exam plan', () => {
  it('saves the exam date and daily minutes and shows how ready the plan says the learner will be', async () => {
    const { host } = await study();
    await waitFor(() =>
      expect(document.querySelector('.readiness')!.textContent).toBe(
        'Set an exam date to plan your reviews toward it.',
      ),
    );
    fireEvent.change(screen.getByLabelText('Exam date'), { target: { value: '2026-12-20' } });
    fireEvent.change(screen.getByLabelText('Minutes a day'), { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save plan' }));
    expect(
      await screen.findByText(
        'Exam in 22 days: predicted recall 87% (target 90%; 81% without the plan). Today: 5 reviews and 6 new, about 12 min.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Cards added after today are not in the plan until it is computed again.')).toBeTruthy();
    expect(requestsOf(host, 'study.settings.set')).toEqual([
      { study: { examDate: '2026-12-20', dailyBudgetMinutes: 45 } },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Clear the date' }));
    expect(await screen.findByText('Set an exam date to plan your reviews toward it.')).toBeTruthy();
    expect(requestsOf(host, 'study.settings.set')[1]).toEqual({ study: { examDate: null, dailyBudgetMinutes: 45 } });
  });

  it('refuses minutes out of range before asking the host, and shows the host’s reason for a past date', async () => {
    const { host } = await study();
    await waitFor(() => expect((screen.getByLabelText('Minutes a day') as HTMLInputElement).value).toBe('30'));
    fireEvent.change(screen.getByLabelText('Minutes a day'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save plan' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Daily study time must be from 5 to 720 minutes.');
    expect(screen.getByLabelText('Minutes a day').getAttribute('aria-invalid')).toBe('true');
    expect(requestsOf(host, 'study.settings.set')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Minutes a day'), { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('Exam date'), { target: { value: '2020-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save plan' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        "study.settings.set: 'examDate' must be after today (2026-11-28), got '2020-01-01'.",
      ),
    );
  });
});
