import type { NextFunction, Request, Response } from 'express';
import { SwitchboardError } from '../../src/core/index.js';

/**
 * CORS for the embeddable widget API. `allowed` empty = any origin (embedded default); otherwise
 * requests from other origins get 403 `origin_not_allowed` (through the app's error middleware).
 */
export function widgetCors(allowed: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    if (origin) {
      if (allowed.length > 0 && !allowed.includes(origin)) {
        return next(
          new SwitchboardError(
            'origin_not_allowed',
            `Origin ${origin} may not use this widget (WIDGET_ALLOWED_ORIGINS).`,
            { status: 403 },
          ),
        );
      }
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
      res.setHeader('access-control-max-age', '600');
    }
    if (req.method === 'OPTIONS') return res.status(204).end();
    next();
  };
}
