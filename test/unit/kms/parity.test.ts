/**
 * Parity with real AWS KMS: every reproducible response and error recorded from AWS
 * (test/fixtures/aws-kms-recorded.json, from LocalStack's parity snapshots) is replayed in the
 * in-process sandbox and compared: the exact error code and normalised message, or the response's
 * members and every value that is not an id, a time or random.
 */
import { describe, expect, it } from 'vitest';
import { testSandbox } from '../../helpers/sandbox';
import { ALLOWANCES, NOT_REPRODUCED } from './parity/exceptions';
import { differences, loadRecords, recordKey, type RecordedEntry } from './parity/recorded';
import { Recorder, type Scenario } from './parity/recorder';
import { cryptoScenarios } from './parity/scenarios-crypto';
import { importRotationScenarios } from './parity/scenarios-import-rotation';
import { keyScenarios } from './parity/scenarios-keys';
import { signingScenarios } from './parity/scenarios-signing';

/** How many records the scenarios reproduce today: coverage may grow, never shrink. */
const REPRODUCED_AT_LEAST = 235;

const RECORDS = loadRecords();
const SCENARIOS: Record<string, Scenario> = {
  ...keyScenarios,
  ...cryptoScenarios,
  ...signingScenarios,
  ...importRotationScenarios,
};

const byTest = new Map<string, RecordedEntry[]>();
for (const record of RECORDS) byTest.set(record.test, [...(byTest.get(record.test) ?? []), record]);

const reproduced = (record: RecordedEntry) =>
  SCENARIOS[record.test] !== undefined && NOT_REPRODUCED[recordKey(record)] === undefined;

describe('parity with responses recorded from real AWS KMS', () => {
  for (const [test, scenario] of Object.entries(SCENARIOS)) {
    const records = byTest.get(test) ?? [];
    const snapshots = records.filter(reproduced).map((record) => record.snapshot_id);
    it(`${test} » ${snapshots.join(', ')}`, () => {
      expect(records.length, `the fixture has no record of ${test}`).toBeGreaterThan(0);
      const t = testSandbox();
      try {
        const r = new Recorder(t);
        scenario(r);
        const recordedIds = new Set(records.map((x) => x.snapshot_id));
        expect(
          [...r.outcomes.keys()].filter((id) => !recordedIds.has(id)),
          'snapshots no record holds',
        ).toEqual([]);
        const report = records
          .filter(reproduced)
          .flatMap((record) =>
            differences(record, r.outcomes.get(record.snapshot_id), r.names, ALLOWANCES[recordKey(record)]).map(
              (d) => `${record.snapshot_id}: ${d}`,
            ),
          );
        expect(report).toEqual([]);
      } finally {
        t.close();
      }
    });
  }
});

describe('coverage of the recorded responses', () => {
  const keys = new Set(RECORDS.map(recordKey));

  it('accounts for every record: reproduced by a scenario, or listed with the reason it is not', () => {
    const unaccounted = RECORDS.filter((r) => !reproduced(r) && NOT_REPRODUCED[recordKey(r)] === undefined);
    expect(unaccounted.map(recordKey)).toEqual([]);
    expect(
      Object.keys(NOT_REPRODUCED).filter((k) => !keys.has(k)),
      'exceptions naming no record',
    ).toEqual([]);
    expect(
      Object.keys(ALLOWANCES).filter((k) => !keys.has(k)),
      'allowances naming no record',
    ).toEqual([]);
    expect(
      Object.keys(SCENARIOS).filter((test) => !byTest.has(test)),
      'scenarios of no recorded test',
    ).toEqual([]);
    expect(RECORDS.filter(reproduced).length).toBeGreaterThanOrEqual(REPRODUCED_AT_LEAST);
  });

  for (const [record, reason] of Object.entries(NOT_REPRODUCED)) {
    it(`does not reproduce ${record}: ${reason}`, () => {
      expect(keys.has(record)).toBe(true);
      expect(reason.length).toBeGreaterThan(40);
    });
  }

  for (const [record, allowance] of Object.entries(ALLOWANCES)) {
    it(`reproduces ${record} allowing ${allowance.kind}: ${allowance.reason}`, () => {
      expect(NOT_REPRODUCED[record]).toBeUndefined();
      expect(allowance.reason.length).toBeGreaterThan(40);
    });
  }
});
