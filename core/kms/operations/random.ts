/** GenerateRandom: https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html */
import { op, type OperationTable } from '../operation';
import { int, str, struct } from '../shapes';
import { KmsError, validation } from '../errors';
import { recipientShape, refuseRecipient } from './crypto';

export const randomOperations: OperationTable = {
  GenerateRandom: op({
    input: struct({
      NumberOfBytes: int({ min: 1, max: 1024 }).opt(),
      CustomKeyStoreId: str({ min: 1, max: 64 }).opt(),
      Recipient: recipientShape.opt(),
    }),
    run(ctx, input) {
      if (input.NumberOfBytes === undefined) throw validation('NumberOfBytes is required.');
      refuseRecipient(input);
      if (input.CustomKeyStoreId !== undefined) {
        // The sandbox has no custom key stores, so any id names one that does not exist.
        throw new KmsError(
          'CustomKeyStoreNotFoundException',
          `Custom key store ${input.CustomKeyStoreId} does not exist.`,
        );
      }
      return { Plaintext: ctx.random.bytes(input.NumberOfBytes) };
    },
  }),
};
