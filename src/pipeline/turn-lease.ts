/**
 * Per-conversation turn order (issue 11.1): at most one turn of a conversation runs at a time across
 * all workers, in arrival order, and a burst that arrives meanwhile is answered once.
 *
 * Why a lease column on the conversation row (not an advisory lock, not Redis):
 * - an advisory lock lives as long as a session or transaction, so every running turn would pin a
 *   pool connection (or, on PGlite, the only connection) across model calls of tens of seconds;
 * - a Redis lock would split the truth: "processed" lives in Postgres, and the ordering must hold in
 *   embedded mode too, where there is no Redis;
 * - a lease (`turn_owner` + `turn_lease_until`) is one short UPDATE to take, renewed by a heartbeat
 *   while the turn runs, released in the same statement that checks for more waiting messages, and
 *   it expires by itself when its holder dies (kill -9, SIGSTOP), so the sweeper can hand the
 *   conversation to another worker within seconds.
 * A job that finds the lease busy simply ends: the holder's release sees its message and runs one
 * more round for everything that arrived meanwhile (burst merge).
 */
import { randomUUID } from 'node:crypto';
import type { ConversationRow, Logger } from '../core/services.js';
import type { Db } from '../db/db.js';
import type { TurnMessage } from './context.js';
import {
  acquireTurnLease,
  holdsTurnLease,
  loadBurst,
  releaseTurnLease,
  releaseTurnLeases,
  renewTurnLease,
} from './turn-queries.js';

/** Lease of a running turn; renewed every third of it (default 10 s: a dead holder is replaced within ~15 s). */
export const TURN_LEASE_MS = 10_000;

/** Leases held by the turns running in this process, per database handle (owner -> conversation). */
const heldByDb = new WeakMap<Db, Map<string, string>>();
/** Databases whose process is shutting down: no new rounds start. */
const stopping = new WeakSet<Db>();

/**
 * Hand back the turns still running in this process (bounded shutdown, issue 11.4): their leases are
 * released so another worker can take the conversations at once, and the rounds still running here
 * find they no longer own the lease and write nothing.
 */
export async function releaseHeldTurnLeases(db: Db): Promise<number> {
  stopping.add(db);
  const held = heldByDb.get(db);
  if (!held?.size) return 0;
  const owners = [...held.keys()];
  held.clear();
  return releaseTurnLeases(db, owners);
}

/** One round of a conversation's turn: the held lease and the messages to answer. */
export interface ConversationTurn {
  conv: ConversationRow;
  /** Unprocessed customer messages, oldest first (never empty). */
  burst: TurnMessage[];
  /** True while this round still owns the lease (check right before writing). */
  stillOwner(): Promise<boolean>;
}

/** Options for {@link runInConversationOrder}. */
export interface ConversationOrderOptions {
  /** Lease duration (default {@link TURN_LEASE_MS}). */
  leaseMs?: number;
  /** Rounds one job may run for bursts that arrive meanwhile (default 5; the sweeper covers more). */
  maxRounds?: number;
}

/**
 * Run `round` under the conversation's turn lease for every burst of unprocessed customer messages,
 * until none is waiting. Returns 'busy' when another worker holds the lease (it will answer),
 * 'duplicate' when nothing was waiting, otherwise the outcome of the last round.
 */
export async function runInConversationOrder<T>(
  db: Db,
  log: Logger,
  conversationId: string,
  round: (turn: ConversationTurn) => Promise<T>,
  options: ConversationOrderOptions = {},
): Promise<T | 'busy' | 'duplicate'> {
  const leaseMs = options.leaseMs ?? TURN_LEASE_MS;
  const maxRounds = options.maxRounds ?? 5;
  let last: T | 'busy' | 'duplicate' = 'duplicate';
  const held = heldByDb.get(db) ?? new Map<string, string>();
  heldByDb.set(db, held);
  for (let i = 0; i < maxRounds; i++) {
    if (stopping.has(db)) return i === 0 ? 'busy' : last;
    const owner = randomUUID();
    const conv = await acquireTurnLease(db, conversationId, owner, leaseMs);
    if (!conv) return i === 0 ? 'busy' : last;
    held.set(owner, conversationId);
    const beat = setInterval(
      () => {
        renewTurnLease(db, conversationId, owner, leaseMs).catch((err) =>
          log.warn('turn lease renewal failed', { err }),
        );
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    beat.unref();
    let pending = false;
    try {
      const burst = await loadBurst(db, conversationId);
      if (burst.length) {
        last = await round({ conv, burst, stillOwner: () => holdsTurnLease(db, conversationId, owner) });
      }
    } finally {
      clearInterval(beat);
      held.delete(owner);
      // If this fails the lease expires by itself and the sweeper re-queues what is left.
      pending = await releaseTurnLease(db, conversationId, owner).catch((err) => {
        log.warn('turn lease release failed', { conversationId, err });
        return false;
      });
    }
    if (!pending) return last;
  }
  return last;
}
