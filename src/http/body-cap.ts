/**
 * Request body caps, applied before any route does work. A declared Content-Length over the cap is
 * refused at once with 413 `payload_too_large` and the connection closed, so the body is never read.
 * Bodies without a length (chunked) are read by parsers that stop at the cap: express.json on the
 * APIs, and {@link rawBodyForBolt} for Slack, whose receiver would otherwise read any size.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

function tooLarge(res: Response, maxBytes: number): void {
  res.setHeader('Connection', 'close');
  res.status(413).json({
    error: { code: 'payload_too_large', message: `Request body is larger than ${Math.round(maxBytes / 1024)} kB.` },
  });
}

/** Refuse requests declaring a body larger than `maxBytes` (413, nothing read). */
export function bodyCap(maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      const n = Number(declared);
      if (!Number.isSafeInteger(n) || n < 0 || n > maxBytes) return tooLarge(res, maxBytes);
    }
    next();
  };
}

/**
 * Read a bounded raw body into `req.rawBody` (the field Bolt's ExpressReceiver uses when present),
 * so Slack requests never buffer more than `maxBytes`.
 */
export function rawBodyForBolt(maxBytes: number): RequestHandler[] {
  return [
    express.raw({ type: () => true, limit: maxBytes }),
    (req: Request, _res: Response, next: NextFunction) => {
      if (Buffer.isBuffer(req.body)) (req as Request & { rawBody?: Buffer }).rawBody = req.body;
      next();
    },
  ];
}
