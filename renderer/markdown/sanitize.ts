/**
 * The one place card HTML is made safe: DOMPurify with our rules. Cards may come from any
 * deck file a learner imports, so nothing of theirs may script, style, reach the network or
 * navigate the app: no script or handler, no style or id, no form, frame or media element;
 * classes only of our own (highlighting, cloze); web links open outside the app; images only
 * inline (data:), which is all the page's policy allows anyway.
 *
 * DOMPurify needs a DOM that behaves as browsers do. Where it does not (it is checked once,
 * on a sample), every card is shown as escaped text rather than trusted.
 */
import DOMPurify from 'dompurify';

const purify = DOMPurify(window);
const CLASSES = /^(?:(?:hljs|language-|md-|cloze)[\w-]*\s*)+$/;

purify.addHook('uponSanitizeAttribute', (_node, data) => {
  // Our own classes only: a card's classes could take on the app's styles.
  if (data.attrName === 'class') data.keepAttr = CLASSES.test(data.attrValue);
});
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (/^https?:\/\//i.test(href)) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (!/^mailto:/i.test(href)) {
      // A relative link would navigate the app itself.
      node.removeAttribute('href');
    }
  }
  if (node.tagName === 'IMG' && !/^data:image\//i.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
});

const CONFIG = {
  // HTML only: no SVG or MathML (a card has no use for them, and they lay out as blank boxes).
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'video', 'audio', 'source'],
  FORBID_ATTR: ['style', 'id', 'name'],
  ADD_ATTR: ['target'],
};

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

// No event handler in the sample: reading one back would make the page's policy report it.
// Set once: a configuration passed with each call is parsed again each time.
purify.setConfig(CONFIG);

const PROBE = '<p class="x">a</p><script>b</script><i style="d">e</i><a href="javascript:f">g</a>';
const PROBE_SAFE = '<p>a</p><i>e</i><a>g</a>';
const works = purify.isSupported && purify.sanitize(PROBE) === PROBE_SAFE;

/** HTML with everything unsafe removed; `fallbackText` escaped instead when no working sanitizer exists here. */
export function sanitizeHtml(html: string, fallbackText: string): string {
  if (!works) return `<p class="md-unsafe">${escape(fallbackText)}</p>`;
  return purify.sanitize(html) as string;
}
