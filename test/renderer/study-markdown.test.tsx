// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { htmlText, renderInlineMarkdown, renderMarkdown } from '../../renderer/markdown/render';

// happy-dom's nodes do not give DOMPurify what it reads from browsers' DOM prototypes, so here
// the sanitizer passes HTML through; what it removes is tested in Chromium (test/e2e/study-markdown.test.ts).
vi.mock('../../renderer/markdown/sanitize', () => ({ sanitizeHtml: (html: string) => html }));

const dom = (html: string) => {
  const box = document.createElement('div');
  box.innerHTML = html;
  return box;
};

describe('card Markdown', () => {
  it('renders GFM with single newlines as line breaks, lists, tables and inline code', () => {
    const box = dom(
      renderMarkdown(
        '**KMS keys**\nstay in HSMs.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nUse `Encrypt`.',
      ),
    );
    expect(box.querySelector('strong')!.textContent).toBe('KMS keys');
    expect(box.querySelector('p br')).toBeTruthy();
    expect([...box.querySelectorAll('li')].map((l) => l.textContent)).toEqual(['one', 'two']);
    expect(box.querySelector('table td')!.textContent).toBe('1');
    expect(box.querySelector('p code')!.textContent).toBe('Encrypt');
  });

  it('highlights fenced code in the languages it knows and escapes the rest', () => {
    const box = dom(renderMarkdown('```json\n{"KeyId": "alias/app", "n": 1}\n```\n\n```\n<b>not html</b>\n```'));
    const [json, plain] = [...box.querySelectorAll('pre')];
    expect(json!.getAttribute('data-language')).toBe('json');
    expect(json!.querySelector('code')!.className).toBe('hljs language-json');
    expect(json!.querySelector('.hljs-attr')!.textContent).toBe('"KeyId"');
    expect(json!.querySelector('.hljs-string')!.textContent).toBe('"alias/app"');
    expect(json!.textContent).toBe('{"KeyId": "alias/app", "n": 1}');
    expect(plain!.querySelector('code')!.className).toBe('hljs');
    expect(plain!.querySelector('b')).toBeNull();
    expect(plain!.textContent).toBe('<b>not html</b>');
    const shell = dom(renderMarkdown('```shell\naws kms list-keys --region us-east-1\n```'));
    expect(shell.querySelector('code')!.className).toBe('hljs language-bash');
  });

  it('shows inline images and names the others: the page loads nothing from elsewhere', () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgo=';
    const box = dom(renderMarkdown(`![key icon](${pixel}) ![diagram](media/flow.png) ![](https://example.com/x.png)`));
    expect([...box.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([pixel]);
    expect([...box.querySelectorAll('.md-image')].map((i) => i.textContent)).toEqual(['[image: diagram]', '[image]']);
  });

  it('asks one cloze deletion, shows the others, and keeps a deletion inside code as code', () => {
    const text = 'Alias ARN: `arn:aws:kms:{{c1::us-east-2}}:…:{{c2::alias/::prefix}}app` and **{{c3::key policies}}**.';
    const asked = dom(renderMarkdown(text, { active: 2, revealed: false }));
    const active = asked.querySelector('.cloze-active')!;
    expect(active.getAttribute('data-cloze')).toBe('2');
    expect(active.closest('code')).toBeTruthy();
    expect(active.querySelector('.cloze-placeholder')!.textContent).toBe('[prefix]');
    expect(active.querySelector('.cloze-answer')!.textContent).toBe('alias/');
    expect(active.querySelector('.cloze-answer')!.getAttribute('aria-hidden')).toBe('true');
    expect([...asked.querySelectorAll('.cloze-other')].map((e) => e.textContent)).toEqual([
      'us-east-2',
      'key policies',
    ]);
    expect(asked.querySelector('strong .cloze-other')).toBeTruthy();
    expect(htmlText(asked.innerHTML)).toBe('Alias ARN: arn:aws:kms:us-east-2:…:[prefix]app and key policies.');

    const revealed = dom(renderMarkdown(text, { active: 2, revealed: true }));
    expect(revealed.querySelector('.cloze-active')!.className).toBe('cloze cloze-active cloze-revealed');
    expect(revealed.querySelector('.cloze-placeholder')!.getAttribute('aria-hidden')).toBe('true');
    expect(htmlText(revealed.innerHTML)).toBe('Alias ARN: arn:aws:kms:us-east-2:…:alias/app and key policies.');
    // Question and answer have the same elements: only which half is hidden changes.
    expect(revealed.querySelectorAll('*').length).toBe(asked.querySelectorAll('*').length);
  });

  it('marks every deletion when browsing, and renders Markdown inside a deletion outside code', () => {
    const box = dom(
      renderMarkdown('Rotation: {{c1::**yearly**}} and {{c2::`RotateKeyOnDemand`}}', { active: null, revealed: true }),
    );
    const marked = [...box.querySelectorAll('.cloze-browse')];
    expect(marked.map((m) => m.getAttribute('title'))).toEqual(['c1', 'c2']);
    expect(marked[0]!.querySelector('strong')!.textContent).toBe('yearly');
    expect(marked[1]!.querySelector('code')!.textContent).toBe('RotateKeyOnDemand');
  });

  it('leaves cloze syntax alone when the card is not a cloze card, and ignores stray marker characters', () => {
    expect(dom(renderMarkdown('Literal {{c1::x}}')).textContent?.trim()).toBe('Literal {{c1::x}}');
    expect(dom(renderMarkdown('a\uE000b\uE001c', { active: 1, revealed: false })).textContent?.trim()).toBe('abc');
  });

  it('renders one line inline for option labels, with no blocks', () => {
    expect(renderInlineMarkdown('Call `GenerateDataKey` **now**')).toBe(
      'Call <code>GenerateDataKey</code> <strong>now</strong>',
    );
    expect(renderInlineMarkdown('one\n\ntwo')).not.toContain('<p>');
  });
});
