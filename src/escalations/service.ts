/**
 * Escalation lifecycle in Postgres: open -> claimed -> resolved, plus release, reassign and cancel,
 * each step validated (conditional UPDATEs, so concurrent claims have exactly one winner) and
 * recorded in the append-only escalation_events log. While an escalation is active the
 * conversation belongs to humans (status 'human'); resolving hands it back to the bots with a
 * fresh context window.
 */
import type { Config } from '../config.js';
import { resetConversationContext } from '../conversations/repo.js';
import { ESCALATION_REASONS } from '../core/index.js';
import type {
  ConversationService,
  Escalation,
  EscalationService,
  EventBus,
  Logger,
  OpenEscalationInput,
} from '../core/services.js';
import type { Db } from '../db/db.js';
import {
  claimEscalation,
  closeEscalation,
  markFirstResponse,
  reassignEscalation,
  releaseEscalation,
  touchEscalation,
} from './lifecycle-repo.js';
import {
  appendEvent,
  type EscalationEvent,
  type EscalationRow,
  insertEscalation,
  isUuid,
  type ListEscalationsOptions,
  listEscalations,
  listEvents,
  selectActiveEscalation,
  selectActor,
  selectEscalation,
  toEscalation,
} from './repo.js';
import { slaDueTimes } from './sla.js';
import { type Actor, err, NOTICES, transitionError, waitingNotice } from './transitions.js';
import { acknowledgeWhileWaiting } from './wait-ack.js';

export { NOTICES } from './transitions.js';

/** Dependencies of {@link createEscalationService}. */
export interface EscalationServiceDeps {
  db: Db;
  bus: EventBus;
  conversations: ConversationService;
  config: Config;
  log: Logger;
}

/** The full escalation service: the runtime contract plus the staff-only operations. */
export interface StaffEscalationService extends EscalationService {
  reassign(id: string, staffId: string, toStaffId: string): Promise<Escalation>;
  cancel(id: string, staffId: string, note?: string): Promise<Escalation>;
  list(options?: ListEscalationsOptions): Promise<Escalation[]>;
  events(id: string): Promise<EscalationEvent[]>;
}

/**
 * Create the escalation service.
 * SLA due times come from `config.SLA_FIRST_RESPONSE_MINUTES` / `SLA_RESOLUTION_MINUTES` (normal
 * priority; see {@link slaDueTimes} for the priority scaling).
 */
export function createEscalationService(deps: EscalationServiceDeps): StaffEscalationService {
  const { db, bus, conversations, config, log } = deps;
  const sla = { firstResponse: config.SLA_FIRST_RESPONSE_MINUTES, resolution: config.SLA_RESOLUTION_MINUTES };

  async function actor(staffId: string): Promise<Actor> {
    if (!isUuid(staffId)) throw err('unknown_staff', 403, 'Unknown staff member.');
    const a = await selectActor(db, staffId);
    if (!a) throw err('unknown_staff', 403, 'Unknown staff member.');
    return a;
  }

  async function mustGet(id: string): Promise<EscalationRow> {
    const row = await selectEscalation(db, id);
    if (!row) throw err('escalation_not_found', 404, 'No escalation with this id.');
    return row;
  }

  async function notify(
    e: Escalation,
    event: string,
    status?: 'waiting_human' | 'human' | 'resolved' | 'bot',
    text?: string,
    source?: string,
    postText = true,
  ) {
    try {
      if (text && postText) await conversations.postReply({ conversationId: e.conversationId, role: 'system', text });
      if (status) await bus.publish({ type: 'status', conversationId: e.conversationId, status, text });
      await bus.publish({
        type: 'escalation',
        escalationId: e.id,
        conversationId: e.conversationId,
        event,
        status: e.status,
        ...(source ? { source } : {}),
      });
    } catch (cause) {
      log.error('escalation notification failed', { escalationId: e.id, event, error: String(cause) });
    }
  }

  /** Close (resolve or cancel) inside one transaction and hand the conversation back to the bots. */
  async function close(id: string, a: Actor, to: 'resolved' | 'cancelled', note?: string): Promise<Escalation> {
    const row = await db.transaction(async (tx) => {
      const fromStatuses = to === 'resolved' ? ['claimed'] : ['open', 'claimed'];
      const updated = await closeEscalation(tx, {
        id,
        to,
        note: note ?? null,
        fromStatuses,
        actorId: a.id,
        admin: a.role === 'admin',
      });
      if (!updated) return null;
      await appendEvent(tx, id, to, a.id, note ? { note } : {});
      await conversations.setStatus(updated.conversation_id, 'bot', tx);
      await resetConversationContext(tx, updated.conversation_id);
      return updated;
    });
    if (!row) throw transitionError(await mustGet(id), to === 'resolved' ? 'resolve' : 'cancel', a);
    const e = toEscalation(row);
    await notify(
      e,
      to,
      to === 'resolved' ? 'resolved' : 'bot',
      to === 'resolved' ? NOTICES.resolved : NOTICES.cancelled,
    );
    return e;
  }

  const service: StaffEscalationService = {
    async open(input: OpenEscalationInput): Promise<Escalation> {
      return service.announce(await db.transaction((tx) => service.openIn(tx, input)));
    },

    async openIn(tx, input) {
      if (!isUuid(input.conversationId)) throw err('conversation_not_found', 404, 'No conversation with this id.');
      const reason = (ESCALATION_REASONS as readonly string[]).includes(input.reason) ? input.reason : 'other';
      const priority = input.priority ?? 'normal';
      const due = slaDueTimes(new Date(), sla, priority, config.SUPPORT_HOURS);
      const created = await insertEscalation(tx, { ...input, reason, priority, ...due });
      if (!created) {
        const existing = await selectActiveEscalation(tx, input.conversationId);
        if (existing) return { escalation: toEscalation(existing), created: false };
        throw err('escalation_conflict', 409, 'Could not open an escalation for this conversation; try again.');
      }
      await appendEvent(tx, created.id, 'opened', null, { reason, priority, department: input.department ?? null });
      await conversations.setStatus(input.conversationId, 'human', tx);
      const notice = await conversations.postReply(
        { conversationId: input.conversationId, role: 'system', text: waitingNotice(config.SUPPORT_HOURS) },
        { tx },
      );
      return { escalation: toEscalation(created), created: true, noticeDeliveryId: notice?.deliveryId };
    },

    async announce({ escalation: e, created, noticeDeliveryId }) {
      if (!created) return e;
      log.info('escalation opened', {
        escalationId: e.id,
        conversationId: e.conversationId,
        reason: e.reason,
        priority: e.priority,
      });
      // The notice row committed with the escalation; a crash before this dispatch leaves it to the sweeper.
      if (noticeDeliveryId)
        await conversations.dispatch(noticeDeliveryId).catch((cause) => {
          log.warn('notice dispatch failed; the sweeper retries it', { escalationId: e.id, error: String(cause) });
        });
      await notify(e, 'opened', 'waiting_human', waitingNotice(config.SUPPORT_HOURS), undefined, false);
      return e;
    },

    async activeFor(conversationId) {
      if (!isUuid(conversationId)) return null;
      const row = await selectActiveEscalation(db, conversationId);
      return row ? toEscalation(row) : null;
    },

    async get(id) {
      const row = await selectEscalation(db, id);
      return row ? toEscalation(row) : null;
    },

    async claim(id, staffId) {
      const a = await actor(staffId);
      await mustGet(id);
      const row = await db.transaction(async (tx) => {
        const updated = await claimEscalation(tx, id, a.id);
        if (updated) await appendEvent(tx, id, 'claimed', a.id, { assigneeId: a.id, name: a.name });
        return updated ?? null;
      });
      if (!row) throw transitionError(await mustGet(id), 'claim', a);
      const e = toEscalation(row);
      await notify(e, 'claimed', 'human', NOTICES.joined(a.name));
      return e;
    },

    async reply(id, staffId, text, options) {
      const a = await actor(staffId);
      const source = options?.source ?? 'console';
      const body = typeof text === 'string' ? text.trim() : '';
      if (!body) throw err('empty_reply', 400, 'The reply text is empty.');
      if (body.length > config.MAX_MESSAGE_CHARS)
        throw err('reply_too_long', 400, `Replies are limited to ${config.MAX_MESSAGE_CHARS} characters.`);
      const row = await mustGet(id);
      if (row.status !== 'claimed' || (row.assignee_id !== a.id && a.role !== 'admin'))
        throw transitionError(row, 'reply to', a);
      const posted = await conversations.postReply({
        conversationId: row.conversation_id,
        role: 'staff',
        text: body,
        authorId: a.id,
        authorName: a.name,
        meta: { escalationId: id, source },
      });
      if (!posted) throw err('reply_not_stored', 500, 'The reply could not be stored.');
      await db.transaction(async (tx) => {
        await markFirstResponse(tx, id);
        await appendEvent(tx, id, 'replied', a.id, { messageId: posted.messageId, source });
      });
      await notify(toEscalation({ ...row }), 'replied', undefined, undefined, source);
      return { messageId: posted.messageId };
    },

    async resolve(id, staffId, note) {
      return close(id, await actor(staffId), 'resolved', note);
    },

    async cancel(id, staffId, note) {
      return close(id, await actor(staffId), 'cancelled', note);
    },

    async release(id, staffId) {
      const a = await actor(staffId);
      const row = await db.transaction(async (tx) => {
        const updated = await releaseEscalation(tx, id, a.id, a.role === 'admin');
        if (updated) await appendEvent(tx, id, 'released', a.id);
        return updated ?? null;
      });
      if (!row) throw transitionError(await mustGet(id), 'release', a);
      const e = toEscalation(row);
      await notify(e, 'released', 'waiting_human', NOTICES.released);
      return e;
    },

    async reassign(id, staffId, toStaffId) {
      const a = await actor(staffId);
      if (!isUuid(toStaffId)) throw err('unknown_staff', 400, 'Unknown target staff member.');
      const to = await selectActor(db, toStaffId);
      if (!to) throw err('unknown_staff', 400, 'Unknown target staff member.');
      const row = await db.transaction(async (tx) => {
        const updated = await reassignEscalation(tx, {
          id,
          toStaffId: to.id,
          actorId: a.id,
          admin: a.role === 'admin',
        });
        if (updated) await appendEvent(tx, id, 'reassigned', a.id, { assigneeId: to.id, name: to.name });
        return updated ?? null;
      });
      if (!row) {
        const current = await mustGet(id);
        if (current.status === 'open') throw err('not_assignee', 403, 'Only an admin can assign an open escalation.');
        throw transitionError(current, 'reassign', a);
      }
      const e = toEscalation(row);
      await notify(e, 'reassigned', 'human', NOTICES.joined(to.name));
      return e;
    },

    async customerMessageWhileHuman(conversationId, messageId) {
      const active = await service.activeFor(conversationId);
      if (!active) {
        log.warn('customer message while human, but no active escalation', { conversationId, messageId });
        return;
      }
      await appendEvent(db, active.id, 'customer_message', null, { messageId });
      await touchEscalation(db, active.id);
      await bus.publish({
        type: 'escalation',
        escalationId: active.id,
        conversationId,
        event: 'customer_message',
        status: active.status,
      });
      // Waiting for a person: tell the customer their message arrived and how long the wait is (throttled).
      await acknowledgeWhileWaiting({ db, conversations, hours: config.SUPPORT_HOURS }, active).catch((cause) =>
        log.warn('wait acknowledgement failed', { conversationId, error: String(cause) }),
      );
    },

    async list(options) {
      return (await listEscalations(db, options)).map(toEscalation);
    },

    async events(id) {
      return listEvents(db, id);
    },
  };
  return service;
}
