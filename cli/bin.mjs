#!/usr/bin/env node
// The kms-study command. It runs the TypeScript sources directly through tsx, so a fresh
// checkout works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
