import type { NextFunction, Request, Response } from 'express';
import { isSwitchboardError } from '../core/index.js';
import type { Logger } from '../core/services.js';

/** Send `{ error: { code, message } }` with `status`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ error: { code, message } });
}

/** Wrap an async route so rejections reach the error middleware. */
export function route(fn: (req: Request, res: Response) => Promise<unknown>) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}

/** Final error middleware: known errors keep their status and code; the rest are 500 without details. */
export function errorMiddleware(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
    if (e?.type === 'entity.parse.failed')
      return sendError(res, 400, 'invalid_json', 'Request body is not valid JSON.');
    if (e?.type === 'entity.too.large') {
      return sendError(res, 413, 'payload_too_large', 'Request body is too large.');
    }
    if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
      return sendError(res, 415, 'unsupported_encoding', e.message ?? 'Unsupported encoding.');
    }
    if (isSwitchboardError(err) && err.status < 500) {
      if (err.retryAfterMs !== undefined && !res.headersSent)
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))));
      return sendError(res, err.status, err.code, err.message);
    }
    log.error('request failed', { err });
    sendError(res, 500, 'internal_error', 'Something went wrong on our side; the request was not completed.');
  };
}
