/** Debian's Chromium for browser tests, with the flags this machine's closed network needs. */
import { type Browser, chromium } from 'playwright-core';

/** Flags: no sandbox (root), no GPU, and no background networking (connections are refused here). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch `/usr/bin/chromium` headless (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
