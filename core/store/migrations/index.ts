/**
 * Numbered schema migrations. Never edit a released one: add the next number.
 * Each runs in its own transaction and bumps `PRAGMA user_version`.
 */
import type Database from 'better-sqlite3';
import { m001Sandbox } from './001-sandbox';
import { m002Study } from './002-study';

export interface Migration {
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [m001Sandbox, m002Study];
