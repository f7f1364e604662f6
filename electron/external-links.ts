/**
 * The one place that opens links in the system browser: only https:, only documentation
 * hosts the app links to. Anything else is refused, so page content can never make the
 * shell open a file, a custom protocol handler or an arbitrary site.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['docs.aws.amazon.com', 'aws.amazon.com'];

export function isAllowedExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    !parsed.username &&
    !parsed.password &&
    !parsed.port &&
    EXTERNAL_HOSTS.includes(parsed.hostname)
  );
}

/** Opens `url` with `open` (Electron's shell.openExternal) if allowed; returns whether it did. */
export function openExternalSafely(url: string, open: (url: string) => Promise<void>): boolean {
  if (!isAllowedExternal(url)) return false;
  void open(url).catch(() => {});
  return true;
}
