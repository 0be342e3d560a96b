#!/usr/bin/env node
// Entry point for `npx switchboard <command>`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
const code = await main(process.argv.slice(2));
// Exit even when a client (Redis reconnecting, a pool) still holds the event loop: SIGTERM and
// start-up failures must always end the process.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
