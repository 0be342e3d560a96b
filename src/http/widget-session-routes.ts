/**
 * Widget session routes: `POST /sessions` (abuse-limited per client IP; Origin required when
 * WIDGET_ALLOWED_ORIGINS is set; identity verification with WIDGET_IDENTITY_SECRET),
 * `DELETE /sessions/current` (revoke the token) and `POST /events/ticket` (a short-lived ticket
 * for EventSource, which cannot send the Authorization header).
 */
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { SwitchboardError } from '../core/index.js';
import type { WidgetLimits } from '../limits/index.js';
import { withRetry } from '../runtime/retry.js';
import type { Runtime } from '../runtime/runtime.js';
import { route } from './errors.js';
import { assertValidText } from './text-guard.js';
import type { WidgetAuth } from './widget-auth.js';
import { verifiedCustomerId } from './widget-identity.js';

/** Options of {@link addWidgetSessionRoutes}. */
export interface WidgetSessionRoutesOptions {
  runtime: Runtime;
  auth: WidgetAuth;
  limits: WidgetLimits;
}

/** Register the session routes on the widget router (mounted at `/v1/widget`). */
export function addWidgetSessionRoutes(r: Router, { runtime, auth, limits }: WidgetSessionRoutesOptions): void {
  const { config, conversations } = runtime;
  const allowed = config.WIDGET_ALLOWED_ORIGINS;

  r.post(
    '/sessions',
    route(async (req, res) => {
      const origin = req.get('origin');
      if (allowed.length > 0 && !origin)
        throw new SwitchboardError('origin_required', 'Chat sessions can only be opened from an allowed website.', {
          status: 403,
        });
      await limits.session(req.ip ?? 'unknown');
      const body = (req.body ?? {}) as { name?: unknown; userId?: unknown; userHash?: unknown };
      const name = typeof body.name === 'string' ? body.name.slice(0, 80) : undefined;
      if (name) assertValidText(name, 'name');
      const verified = verifiedCustomerId(config.WIDGET_IDENTITY_SECRET, body.userId, body.userHash);
      const customerExternalId = verified ?? `w_${randomUUID()}`;
      const freshKey = randomUUID();
      // A database blip (restart, failover) is ridden out with a bounded retry like POST /messages;
      // the ids are chosen once, so a retried attempt reuses the conversation it may have created.
      const { conversationId, token } = await withRetry(
        async () => {
          // A verified user continues their newest conversation on any device.
          const existing = verified ? await auth.latestConversation(verified) : null;
          const key = existing?.key ?? freshKey;
          const id =
            existing?.id ??
            (
              await conversations.open({
                channel: 'widget',
                customerExternalId,
                customerName: name,
                conversationKey: key,
              })
            ).conversationId;
          const issued = await auth.issue({ conversationId: id, conversationKey: key, customerExternalId }, origin);
          return { conversationId: id, token: issued };
        },
        { what: 'opening a widget session', log: runtime.log, attempts: 4 },
      );
      res.status(201).json({ token, conversationId, verified: Boolean(verified) });
    }),
  );

  r.delete(
    '/sessions/current',
    route(async (req, res) => {
      const session = await auth.verify(req);
      await auth.revoke(session);
      res.status(204).end();
    }),
  );

  r.post(
    '/events/ticket',
    route(async (req, res) => {
      const session = await auth.verify(req);
      res.status(201).json(await auth.ticket(session));
    }),
  );
}
