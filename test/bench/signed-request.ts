/**
 * Signed KMS requests made by the real AWS SDK, captured instead of sent, so benchmarks can
 * hand the engine exactly what a client sends without paying for the SDK on every call.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import type { HttpRequest as SdkRequest } from '@smithy/protocol-http';
import { HttpResponse } from '@smithy/protocol-http';
import type { HttpRequest } from '../../core/kms/protocol/json11';

export const LEARNER = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** Signs the command `send` sends with the SDK and returns the wire request it would have sent. */
export async function captureRequest(
  send: (client: KMSClient) => Promise<unknown>,
  region = 'us-east-1',
): Promise<HttpRequest> {
  let captured: HttpRequest | undefined;
  const client = new KMSClient({
    region,
    credentials: LEARNER,
    maxAttempts: 1,
    requestHandler: {
      async handle(request: SdkRequest) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
        captured = {
          method: request.method,
          path: request.path,
          query: '',
          headers,
          body: request.body as Uint8Array,
        };
        // Answer something the SDK accepts; the benchmark only needs the request.
        return {
          response: new HttpResponse({
            statusCode: 400,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: new TextEncoder().encode('{"__type":"Captured","message":"captured"}'),
          }),
        };
      },
    },
  });
  await send(client).catch(() => undefined);
  if (!captured) throw new Error('The SDK did not produce a request.');
  return captured;
}
