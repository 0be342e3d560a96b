/**
 * The demo page (`GET /`): a help-center page with the widget, branded through the same
 * configuration as the assistant (`BRAND_NAME`; the shipped demo's fictional company otherwise).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { DEMO_BRAND_NAME } from '../kb/seed.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Serve `index.html` from `publicDir` with `{{BRAND}}` replaced by the configured brand. */
export function demoPage(publicDir: string, brandName: string | undefined): RequestHandler {
  const html = readFileSync(path.join(publicDir, 'index.html'), 'utf8').replaceAll(
    '{{BRAND}}',
    escapeHtml(brandName ?? DEMO_BRAND_NAME),
  );
  return (_req, res) => {
    res.type('html').send(html);
  };
}
