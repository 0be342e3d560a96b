/**
 * Widget session routes: `POST /sessions` (abuse-limited per client IP; Origin required when
 * WIDGET_ALLOWED_ORIGINS is set; identity verification with WIDGET_IDENTITY_SECRET),
 * `DELETE /sessions/current` (revoke the token) and `POST /events/ticket` (a short-lived ticket
 * for EventSource, which cannot send the Authorization header).
 */
import type { Router } from 'express';
import { assertValidText, SwitchboardError, type WidgetPorts } from '../../src/core/index.js';
import { route } from './route.js';

/** Register the session routes on the widget router (mounted at `/v1/widget`). */
export function addWidgetSessionRoutes(r: Router, ports: WidgetPorts): void {
  const allowed = ports.allowedOrigins;

  r.post(
    '/sessions',
    route(async (req, res) => {
      const origin = req.get('origin');
      if (allowed.length > 0 && !origin)
        throw new SwitchboardError('origin_required', 'Chat sessions can only be opened from an allowed website.', {
          status: 403,
        });
      await ports.limits.session(req.ip ?? 'unknown');
      const body = (req.body ?? {}) as { name?: unknown; userId?: unknown; userHash?: unknown };
      const name = typeof body.name === 'string' ? body.name.slice(0, 80) : undefined;
      if (name) assertValidText(name, 'name');
      const opened = await ports.openSession({
        origin,
        customerName: name,
        userId: body.userId,
        userHash: body.userHash,
      });
      res.status(201).json({ token: opened.token, conversationId: opened.conversationId, verified: opened.verified });
    }),
  );

  r.delete(
    '/sessions/current',
    route(async (req, res) => {
      const session = await ports.authenticate(req);
      await ports.revokeSession(session);
      res.status(204).end();
    }),
  );

  r.post(
    '/events/ticket',
    route(async (req, res) => {
      const session = await ports.authenticate(req);
      res.status(201).json(await ports.issueTicket(session));
    }),
  );
}
