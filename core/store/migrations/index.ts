/**
 * Numbered schema migrations. Never edit a released one: add the next number.
 * Each runs in its own transaction and bumps `PRAGMA user_version`.
 */
import type Database from 'better-sqlite3';
import { m001Sandbox } from './001-sandbox';
import { m002Study } from './002-study';
import { m003Playground } from './003-playground';
import { m004Audit } from './004-audit';
import { m005Billing } from './005-billing';
import { m006Iam } from './006-iam';

export interface Migration {
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  m001Sandbox,
  m002Study,
  m003Playground,
  m004Audit,
  m005Billing,
  m006Iam,
];
