/**
 * The staff console: a small single-page app (plain ES modules + DOM, no build step) served as
 * static files at /console. It talks only to the staff API (/v1/staff). A strict Content Security
 * Policy forbids inline scripts and any third-party origin.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

/** Folder of the console's static files. */
export const CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'public');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Create the console router (mount at `/console`). */
export function createConsoleRouter(): express.Router {
  const router = express.Router();
  router.use((req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // `/console` without the trailing slash: redirect so relative asset URLs resolve.
    if (req.path === '/' && !req.originalUrl.split('?')[0]!.endsWith('/')) {
      res.redirect(301, `${req.baseUrl}/`);
      return;
    }
    next();
  });
  router.use(express.static(CONSOLE_DIR, { index: 'index.html', maxAge: '5m', fallthrough: true }));
  return router;
}
