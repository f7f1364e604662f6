/**
 * Host API calls made in process, through a `HostService`, the way the desktop shell's IPC and
 * `kms-study serve` dispatch them. (`sandbox-api.ts` makes them over HTTP.)
 */
import type { ErrorData } from '../../core/app/contract';
import type { HostService } from '../../core/app/service';

/** The call's data; a refused call throws, naming the call and its error. */
export async function dispatched<T>(service: HostService, name: string, request: unknown): Promise<T> {
  const result = await service.dispatch(name, request);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

/** The error of a call that must be refused; one that succeeds throws. */
export async function dispatchFailure(service: HostService, name: string, request: unknown): Promise<ErrorData> {
  const result = await service.dispatch(name, request);
  if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.data)}`);
  return result.error;
}
