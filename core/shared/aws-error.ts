/**
 * An error as AWS names it: the exception name (`__type` on the JSON protocols, `Code` in
 * Query XML) and an AWS-style message. Each service's protocol layer encodes it.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
  /** At a host boundary, the code is the AWS exception name. */
  get code(): string {
    return this.type;
  }
}

export const isAwsError = (e: unknown): e is AwsError => e instanceof AwsError;
