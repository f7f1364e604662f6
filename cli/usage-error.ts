/** A command line that cannot be run as given: the message names the flag or value at fault. */
export class UsageError extends Error {
  override name = 'UsageError';
}
