/**
 * The renderer's security headers, defined once. The build writes them into
 * `security-headers.json` next to the files they cover; both hosts (the desktop shell's
 * `app://` handler and `kms-study serve`) send them with every file they serve, so the
 * policies are the same whichever host runs the UI.
 *
 * Three Content-Security-Policies, because Chromium gives a dedicated worker loaded from a
 * URL only the policy of its own response, never the page's:
 * - the document: scripts from the app only, no eval, no network beyond the app's origin;
 *   inline styles are allowed because Monaco writes style attributes and <style> elements;
 * - Monaco's workers: scripts from the app only, nothing else;
 * - the runner that executes learners' code: eval (that is how the code runs), and nothing
 *   else: no fetch, XHR, WebSocket, EventSource, importScripts, import() or nested workers.
 *
 * This module is plain data and functions: the Vite build and the tests import it.
 */

const policy = (directives: Record<string, string>): string =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

export const DOCUMENT_CSP = policy({
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-src': "'none'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
});

export const LIBRARY_WORKER_CSP = policy({ 'default-src': "'none'", 'script-src': "'self'" });

export const RUNNER_WORKER_CSP = policy({
  'default-src': "'none'",
  'script-src': "'unsafe-eval'",
  'worker-src': "'none'",
});

/** Directives a <meta> policy cannot carry (the browser ignores them there, with a warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The document policy as the <meta> copy in index.html carries it. */
export const META_CSP = DOCUMENT_CSP.split('; ')
  .filter((d) => !HEADER_ONLY.has(d.split(' ')[0]!))
  .join('; ');

/** The worker that runs learners' code: its file name starts with this. */
export const RUNNER_WORKER_PREFIX = 'runner.worker-';

export type AssetPolicy = 'document' | 'library-worker' | 'runner-worker';

/** Which policy a built file gets, from its name (`assets/<name>-<hash>.js`). */
export function policyOf(fileName: string): AssetPolicy {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  if (!base.endsWith('.js')) return 'document';
  if (base.startsWith(RUNNER_WORKER_PREFIX)) return 'runner-worker';
  if (/\.worker-[\w-]+\.js$/.test(base)) return 'library-worker';
  return 'document';
}

const CSP_OF: Record<AssetPolicy, string> = {
  document: DOCUMENT_CSP,
  'library-worker': LIBRARY_WORKER_CSP,
  'runner-worker': RUNNER_WORKER_CSP,
};

/** Headers every response of the UI carries. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/** What `security-headers.json` holds: headers for every file, and the files that differ. */
export interface SecurityHeaders {
  version: 1;
  default: Record<string, string>;
  /** Paths relative to the site's root, with `/` separators. */
  files: Record<string, Record<string, string>>;
}

export const SECURITY_HEADERS_FILE = 'security-headers.json';

export function securityHeaders(files: readonly string[]): SecurityHeaders {
  const out: SecurityHeaders = {
    version: 1,
    default: { ...COMMON_HEADERS, 'content-security-policy': DOCUMENT_CSP },
    files: {},
  };
  for (const file of [...files].sort()) {
    const kind = policyOf(file);
    if (kind !== 'document') out.files[file] = { ...COMMON_HEADERS, 'content-security-policy': CSP_OF[kind] };
  }
  return out;
}
