import { describe, expect, it } from 'vitest';
import { isAllowedExternal, openExternalSafely } from '../../electron/external-links';

describe('opening links outside the app', () => {
  it('allows https links to the AWS documentation only', () => {
    expect(isAllowedExternal('https://docs.aws.amazon.com/kms/latest/developerguide/overview.html')).toBe(true);
    expect(isAllowedExternal('https://aws.amazon.com/kms/pricing/')).toBe(true);
    for (const url of [
      'http://docs.aws.amazon.com/kms/',
      'https://docs.aws.amazon.com.evil.example/',
      'https://user@docs.aws.amazon.com/',
      'https://docs.aws.amazon.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'https://example.com/',
      'not a url',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });

  it('opens only what is allowed, and says whether it did', async () => {
    const opened: string[] = [];
    const open = async (url: string) => void opened.push(url);
    expect(openExternalSafely('https://docs.aws.amazon.com/kms/', open)).toBe(true);
    expect(openExternalSafely('file:///etc/passwd', open)).toBe(false);
    expect(
      openExternalSafely('https://docs.aws.amazon.com/x', async () => Promise.reject(new Error('no browser'))),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toEqual(['https://docs.aws.amazon.com/kms/']);
  });
});
