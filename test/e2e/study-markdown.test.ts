/**
 * Card Markdown as Chromium renders it: code highlighted, cloze deletions revealed in place,
 * and whatever a hostile deck file puts in a card (scripts, handlers, styles, forms, frames,
 * javascript: links, remote images) removed before it reaches the page. The deck is imported
 * as CSV through the host API, as a learner's file would be.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../core/app/calls/decks';
import { uiSkipReason, useServedApp } from './served-app';

const reason = uiSkipReason();

const HOSTILE = [
  'Which call creates a key?',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'"> <svg><animate onbegin="window.__pwned = \'svg\'" /></svg>',
  '<a href="javascript:window.__pwned = \'link\'">click</a> [docs](https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html) [app](#/decks)',
  '<span class="overlay" style="position:fixed;inset:0" id="main">covered</span>',
  '<form action="/api/decks.delete"><button>delete</button></form><iframe src="https://example.com/"></iframe>',
  '![remote](https://example.com/track.png)',
].join('\n\n');

const CARDS = [
  {
    id: 'hostile',
    kind: 'basic',
    front: HOSTILE,
    back: '```bash\naws kms create-key --description "app key"\n```\n\n```json\n{"KeyUsage": "ENCRYPT_DECRYPT"}\n```',
  },
  {
    id: 'cloze',
    kind: 'cloze',
    front: 'A key ARN is `arn:aws:kms:{{c1::us-east-2}}:111122223333:key/…` and an alias starts with {{c2::alias/}}.',
    back: '',
  },
];

describe.skipIf(reason !== '')(`card Markdown in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  // This suite checks the page's problems itself: blocked content is expected to be reported.
  const app = useServedApp({
    route: '/#/study',
    checkProblems: false,
    prepare: async (url) => {
      const response = await fetch(`${url}/api/decks.import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          data: Buffer.from(Papa.unparse(CARDS)).toString('base64'),
          fileName: 'markdown-check.csv',
          deckName: 'Markdown check',
        }),
      });
      expect(((await response.json()) as ImportReport).counts.added).toBe(2);
    },
    ready: async ({ page }) => {
      await page.getByRole('button', { name: /^Markdown check:/ }).click();
      await page.locator('.study-card[data-card-id]').waitFor();
    },
  });

  it('removes everything unsafe from a card, runs none of it, and loads nothing from elsewhere', async () => {
    const { page } = app.browser;
    const question = page.locator('.card-question');
    await question.getByText('Which call creates a key?').waitFor();
    const found = await question.evaluate((q) => ({
      elements: [...q.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
      handlers: [...q.querySelectorAll('*')]
        .flatMap((e) => [...e.attributes].map((a) => a.name))
        .filter((n) => n.startsWith('on')),
      styled: q.querySelectorAll('[style], [id], .overlay').length,
      links: [...q.querySelectorAll('a')].map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      })),
      images: [...q.querySelectorAll('img')].map((i) => i.getAttribute('src')),
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    }));
    for (const tag of ['script', 'form', 'button', 'iframe', 'svg', 'animate', 'style']) {
      expect(found.elements).not.toContain(tag);
    }
    expect(found.handlers).toEqual([]);
    expect(found.styled).toBe(0);
    expect(found.links).toEqual([
      { text: 'click', href: null, target: null, rel: null },
      {
        text: 'docs',
        href: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html',
        target: '_blank',
        rel: 'noopener noreferrer',
      },
      { text: 'app', href: null, target: null, rel: null },
    ]);
    expect(found.images).toEqual([null]);
    expect(await question.locator('.md-image').innerText()).toBe('[image: remote]');
    expect(await question.innerText()).toContain('covered');
    expect(found.pwned).toBeNull();
    // Chromium reports each inline handler it parses (even in the sanitizer's inert document) as
    // blocked by the page's policy. Nothing else may appear: no script error, and no request
    // (image, frame) the policy had to stop.
    const blocked = /^console: Executing inline event handler violates .*The action has been blocked\.$/;
    expect(app.browser.problems.filter((p) => !blocked.test(p))).toEqual([]);
    app.browser.problems.length = 0;
    await page.keyboard.press('Space');
    await page.locator('.card-answer.revealed').waitFor();
    await app.browser.screenshot('study-markdown-sanitized');
  });

  it('highlights the answer’s code in the languages it names', async () => {
    const { page } = app.browser;
    const blocks = page.locator('.card-answer pre');
    expect(await blocks.count()).toBe(2);
    expect(await blocks.nth(0).getAttribute('data-language')).toBe('bash');
    expect(await blocks.nth(0).locator('.hljs-string').first().innerText()).toBe('"app key"');
    expect(await blocks.nth(1).locator('.hljs-attr').innerText()).toBe('"KeyUsage"');
    const colours = await blocks.nth(1).evaluate((pre) => ({
      attr: getComputedStyle(pre.querySelector('.hljs-attr')!).color,
      text: getComputedStyle(pre).color,
    }));
    expect(colours.attr).not.toBe(colours.text);
    await page.keyboard.press('4');
  });

  it('hides the cloze deletion asked and reveals it without moving anything', async () => {
    const { page } = app.browser;
    const asked = page.locator('.cloze-active');
    await asked.waitFor();
    expect(await asked.getAttribute('data-cloze')).toBe('1');
    const text = async () => (await page.locator('.card-question').innerText()).replace(/\n/g, '');
    expect(await text()).toContain('arn:aws:kms:[…]:111122223333');
    const layout = () =>
      page.evaluate(() =>
        ['.study-card', '.card-question', '.cloze-active'].map((s) => {
          const e = document.querySelector<HTMLElement>(s)!;
          return [e.offsetTop, e.offsetLeft, e.offsetWidth, e.offsetHeight];
        }),
      );
    const before = await layout();
    await page.keyboard.press('Space');
    await page.locator('.cloze-active.cloze-revealed').waitFor();
    expect(await layout()).toEqual(before);
    expect(await text()).toContain('arn:aws:kms:us-east-2:111122223333');
    expect(await text()).not.toContain('[…]');
    await app.browser.screenshot('study-cloze-revealed');
    expect(app.browser.problems).toEqual([]);
  });
});
