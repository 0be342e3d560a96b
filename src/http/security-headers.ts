/**
 * Security headers (helmet) on every route: nosniff, no framing (X-Frame-Options + CSP
 * frame-ancestors), no referrer, HSTS only when the request came over TLS, and a Content Security
 * Policy: `default-src 'none'` for the API, a page policy for the demo page (`'self'` scripts only,
 * inline styles because the page and the widget inject `<style>`). The console sets its own
 * stricter page policy (src/console). `/widget.js` is loadable from any origin
 * (Cross-Origin-Resource-Policy: cross-origin) so host pages can embed it.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** CSP of JSON/SSE responses: nothing may load, nobody may frame. */
export const API_CSP = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
};

/** CSP of the demo page (`GET /`). */
export const DEMO_PAGE_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
};

/** Helmet for every route (API CSP by default; the demo page and console replace it). */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: API_CSP,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // HSTS only means something over TLS; a plain-HTTP local install must stay reachable.
    strictTransportSecurity: false,
  });
}

/** Replace the CSP with the demo page policy. */
export const demoPageCsp: RequestHandler = helmet.contentSecurityPolicy(DEMO_PAGE_CSP);

/** For `/widget.js`: embeddable from any site. */
export const embeddable: RequestHandler = (_req, res, next) => {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  next();
};

/** HSTS for requests that arrived over TLS (directly or, with TRUST_PROXY, via the proxy). */
export const hstsOverTls: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
  next();
};
