import type { NextFunction, Request, Response } from 'express';

/** Wrap an async route so rejections reach the app's error middleware (`{error:{code,message}}`). */
export function route(fn: (req: Request, res: Response) => Promise<unknown>) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}
