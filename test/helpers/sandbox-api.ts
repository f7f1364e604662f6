/**
 * The host API of a running `kms-study serve` (`POST /api/<call>` with a JSON body), for what
 * AWS clients cannot do: moving the sandbox's virtual clock and reading it.
 */

export interface SandboxClock {
  now: string;
  epochMs: number;
  offsetMs: number;
}

/** Calls a host API call and returns its JSON answer; a refused call throws with its error. */
export async function hostCall<T>(url: string, call: string, request: object = {}): Promise<T> {
  const res = await fetch(`${url}/api/${call}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await res.json()) as T & { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`${call} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Moves the sandbox clock forward; every deletion, rotation and expiry due in the span happens. */
export const advanceClock = (url: string, span: { days?: number; hours?: number; seconds?: number }) =>
  hostCall<SandboxClock>(url, 'sandbox.advanceClock', span);

/** The sandbox's virtual time. */
export const sandboxNow = (url: string) => hostCall<SandboxClock>(url, 'sandbox.now');
