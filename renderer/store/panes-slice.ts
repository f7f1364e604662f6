/**
 * The playground's side panes: which one is showing (keys, audit trail, bill, Why?, sandbox
 * settings), the call whose authorization decision "Why?" explains, the audit trail's filter,
 * the bill's month, and the simulated service the "through a service" commands use. UI state
 * only: the events, bills and explanations themselves stay in the host.
 */
import type { StateCreator } from 'zustand';
import type { ServiceKmsCallRequest } from '../../core/app/calls/authz';
import type { AppState } from './index';

export type SidePane = 'keys' | 'audit' | 'bill' | 'why' | 'sandbox';

export const SIDE_PANES: readonly { id: SidePane; label: string; title: string }[] = [
  { id: 'keys', label: 'Keys', title: 'Keys' },
  { id: 'audit', label: 'Audit', title: 'Audit trail' },
  { id: 'bill', label: 'Bill', title: 'Running bill' },
  { id: 'why', label: 'Why?', title: 'Why? (authorization decisions)' },
  { id: 'sandbox', label: 'Sandbox', title: 'Quotas and services' },
];

export type SimulatedService = ServiceKmsCallRequest['service'];
export const SIMULATED_SERVICES: readonly { id: SimulatedService; label: string }[] = [
  { id: 'ec2', label: 'Amazon EC2 (EBS volumes)' },
  { id: 's3', label: 'Amazon S3' },
  { id: 'ssm', label: 'AWS Systems Manager' },
  { id: 'secretsmanager', label: 'AWS Secrets Manager' },
];

/** The CloudTrail LookupEvents attributes the audit pane filters by. */
export type AuditFilterKey = 'EventName' | 'ResourceName' | 'Username' | 'AccessKeyId';
export interface AuditFilter {
  key: AuditFilterKey;
  value: string;
}

export interface ExplainedCall {
  requestId: string;
  operation: string;
}

/** The bill's period: a month (YYYY-MM), or the twelve months up to the sandbox's current one. */
export type BillPeriod = { kind: 'current' } | { kind: 'month'; month: string } | { kind: 'year' };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface PanesSlice {
  sidePane: SidePane;
  explained: ExplainedCall | undefined;
  auditFilter: AuditFilter | undefined;
  billPeriod: BillPeriod;
  viaService: SimulatedService;
  showSidePane(pane: SidePane): void;
  /** Shows the Why? pane for a call. */
  explain(call: ExplainedCall): void;
  /** A blank value clears the filter. */
  setAuditFilter(filter: AuditFilter | undefined): void;
  setBillPeriod(period: BillPeriod): void;
  setViaService(service: SimulatedService): void;
}

export const createPanesSlice: StateCreator<AppState, [], [], PanesSlice> = (set) => ({
  sidePane: 'keys',
  explained: undefined,
  auditFilter: undefined,
  billPeriod: { kind: 'current' },
  viaService: 'ec2',
  showSidePane: (sidePane) => set({ sidePane }),
  explain: (explained) => set({ explained, sidePane: 'why' }),
  setAuditFilter: (filter) => {
    const value = filter?.value.trim() ?? '';
    set({ auditFilter: filter && value ? { key: filter.key, value } : undefined });
  },
  setBillPeriod: (billPeriod) => {
    if (billPeriod.kind === 'month' && !MONTH.test(billPeriod.month)) {
      throw new RangeError(`A bill's month is YYYY-MM, got '${billPeriod.month}'.`);
    }
    set({ billPeriod });
  },
  setViaService: (viaService) => set({ viaService }),
});
