/** The sandbox's trail read with the real CloudTrail clients: the SDK's LookupEvents and `aws cloudtrail lookup-events`. */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../helpers/aws-clients';
import { LEARNER_CREDENTIALS, PARTNER_CREDENTIALS, startServe, type ServerProcess } from '../helpers/server';

let server: ServerProcess;
let keyId: string;
beforeAll(async () => {
  server = await startServe();
  const kms = new KMSClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials: LEARNER_CREDENTIALS,
    maxAttempts: 1,
  });
  keyId = (await kms.send(new CreateKeyCommand({ Description: 'traced' }))).KeyMetadata!.KeyId!;
  for (let i = 0; i < 3; i++) await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  await kms.send(new DescribeKeyCommand({ KeyId: 'alias/does-not-exist' })).catch(() => undefined);
});
afterAll(async () => {
  await server.stop();
});

const trail = (credentials = LEARNER_CREDENTIALS) =>
  new CloudTrailClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });

describe('LookupEvents on the wire', () => {
  it('returns the events newest first, with the CloudTrail record as JSON', async () => {
    const { Events } = await trail().send(new LookupEventsCommand({}));
    expect(Events!.map((e) => e.EventName)).toEqual([
      'DescribeKey',
      'DescribeKey',
      'DescribeKey',
      'DescribeKey',
      'CreateKey',
    ]);
    const failed = JSON.parse(Events![0]!.CloudTrailEvent!) as Record<string, unknown>;
    expect(failed).toMatchObject({ errorCode: 'NotFoundException', eventSource: 'kms.amazonaws.com' });
    expect(Events![0]).toMatchObject({ Username: 'Admin', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', ReadOnly: 'true' });
    expect(Events![0]!.EventTime).toBeInstanceOf(Date);
  });

  it('filters by one attribute and pages with NextToken', async () => {
    const byName = await trail().send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateKey' }] }),
    );
    expect(byName.Events).toHaveLength(1);
    const byResource = await trail().send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: keyId }],
        MaxResults: 2,
      }),
    );
    expect(byResource.Events).toHaveLength(2);
    expect(byResource.NextToken).toBeDefined();
    const next = await trail().send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: keyId }],
        MaxResults: 2,
        NextToken: byResource.NextToken,
      }),
    );
    expect(next.Events).toHaveLength(2);
    expect(next.NextToken).toBeUndefined();
  });

  it("shows an account only its own trail, and answers CloudTrail's errors", async () => {
    expect((await trail(PARTNER_CREDENTIALS).send(new LookupEventsCommand({}))).Events).toEqual([]);
    await expect(
      trail().send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'EventName', AttributeValue: 'A' },
            { AttributeKey: 'EventName', AttributeValue: 'B' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidLookupAttributesException' });
    await expect(trail().send(new LookupEventsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
      name: 'InvalidMaxResultsException',
    });
    await expect(
      trail().send(new LookupEventsCommand({ StartTime: new Date(2030, 0, 2), EndTime: new Date(2030, 0, 1) })),
    ).rejects.toMatchObject({ name: 'InvalidTimeRangeException' });
    await expect(trail().send(new LookupEventsCommand({ NextToken: 'garbage' }))).rejects.toMatchObject({
      name: 'InvalidNextTokenException',
    });
  });

  it.skipIf(!hasAwsCli())('works with aws cloudtrail lookup-events', () => {
    const out = awsCli(server.url, [
      'cloudtrail',
      'lookup-events',
      '--lookup-attributes',
      'AttributeKey=EventName,AttributeValue=CreateKey',
    ]);
    expect(out.status).toBe(0);
    const events = out.json<{ Events: { EventName: string; CloudTrailEvent: string }[] }>().Events;
    expect(events.map((e) => e.EventName)).toEqual(['CreateKey']);
    expect(JSON.parse(events[0]!.CloudTrailEvent)).toMatchObject({ requestParameters: { description: 'traced' } });
  });
});
