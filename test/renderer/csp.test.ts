import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_CSP,
  LIBRARY_WORKER_CSP,
  META_CSP,
  RUNNER_WORKER_CSP,
  policyOf,
  securityHeaders,
} from '../../renderer/csp';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]));

describe('the renderer’s Content-Security-Policies', () => {
  it('lets the document run only its own scripts, with no eval, no remote hosts and no blob: workers', () => {
    const d = directives(DOCUMENT_CSP);
    expect(d.get('default-src')).toBe("'none'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('worker-src')).toBe("'self'");
    expect(d.get('connect-src')).toBe("'self'");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(DOCUMENT_CSP).not.toMatch(/unsafe-eval|blob:|https?:|\*/);
    // Monaco writes inline styles; nothing else is inline.
    expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
  });

  it('gives the learner-code runner eval and nothing else', () => {
    expect(RUNNER_WORKER_CSP).toBe("default-src 'none'; script-src 'unsafe-eval'; worker-src 'none'");
    expect(LIBRARY_WORKER_CSP).toBe("default-src 'none'; script-src 'self'");
  });

  it('leaves header-only directives out of the <meta> copy', () => {
    expect(META_CSP).not.toContain('frame-ancestors');
    expect(META_CSP).toBe(DOCUMENT_CSP.replace("; frame-ancestors 'none'", ''));
  });

  it('picks a policy by the built file’s name', () => {
    expect(policyOf('assets/runner.worker-AbC_12.js')).toBe('runner-worker');
    expect(policyOf('assets/ts.worker-CVbFdYz4.js')).toBe('library-worker');
    expect(policyOf('assets/editor.worker-CX7Cj20z.js')).toBe('library-worker');
    expect(policyOf('assets/index-C4EKLIIB.js')).toBe('document');
    expect(policyOf('index.html')).toBe('document');
    // A page or stylesheet that happens to be named like the runner is still a document.
    expect(policyOf('assets/runner.worker-x.css')).toBe('document');
  });

  it('writes per-file headers only for the workers, every map with the common headers', () => {
    const headers = securityHeaders([
      'index.html',
      'assets/index-1.js',
      'assets/runner.worker-2.js',
      'assets/ts.worker-3.js',
    ]);
    expect(Object.keys(headers.files)).toEqual(['assets/runner.worker-2.js', 'assets/ts.worker-3.js']);
    expect(headers.files['assets/runner.worker-2.js']!['content-security-policy']).toBe(RUNNER_WORKER_CSP);
    expect(headers.files['assets/ts.worker-3.js']!['content-security-policy']).toBe(LIBRARY_WORKER_CSP);
    expect(headers.default).toEqual({
      'x-content-type-options': 'nosniff',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'content-security-policy': DOCUMENT_CSP,
    });
  });
});
