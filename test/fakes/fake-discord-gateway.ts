/**
 * Fake Discord Gateway v10 (JSON, no compression) over a real WebSocket: HELLO, IDENTIFY -> READY +
 * GUILD_CREATE, heartbeats -> ACK, RESUME with replay, forced closes. Used by fake-discord.ts.
 */
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

/** One dispatch as sent on the wire. */
export interface Dispatch {
  op: 0;
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  history: Dispatch[];
  socket: WebSocket | null;
}

/** Options for {@link createFakeGateway}. */
export interface FakeGatewayOptions {
  server: Server;
  path: string;
  token: string;
  heartbeatIntervalMs: number;
  /** READY `d` (session_id/resume_gateway_url are filled in). */
  ready: () => Record<string, unknown>;
  /** GUILD_CREATE `d`s sent after READY. */
  guilds: () => Array<Record<string, unknown>>;
  resumeUrl: () => string;
}

/** The fake gateway's controls. */
export interface FakeGateway {
  /** Sessions that identified, resumes seen, heartbeats answered. */
  readonly stats: { identifies: number; resumes: number; heartbeats: number; replayed: number; intents: number[] };
  /** Send a dispatch to every live session. */
  dispatch(t: string, d: unknown): void;
  /** Close every live socket with `code` (4000 = resumable). */
  closeSockets(code?: number): void;
  /** After a RESUME, send the last human MESSAGE_CREATE again (new sequence number), as Discord may. */
  replayLastMessageOnResume: boolean;
  /** Resolves when `n` sessions are live (identified or resumed). */
  waitForSessions(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Attach a fake gateway to an HTTP server. */
export function createFakeGateway(o: FakeGatewayOptions): FakeGateway {
  const wss = new WebSocketServer({ server: o.server, path: o.path });
  const sessions = new Map<string, Session>();
  let counter = 0;
  const stats = { identifies: 0, resumes: 0, heartbeats: 0, replayed: 0, intents: [] as number[] };

  const sendRaw = (ws: WebSocket, payload: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  };
  const dispatchTo = (s: Session, t: string, d: unknown) => {
    s.seq += 1;
    const p: Dispatch = { op: 0, s: s.seq, t, d };
    s.history.push(p);
    if (s.history.length > 500) s.history.shift();
    if (s.socket) sendRaw(s.socket, p);
  };

  const gateway: FakeGateway = {
    stats,
    replayLastMessageOnResume: false,
    dispatch(t, d) {
      for (const s of sessions.values()) if (s.socket) dispatchTo(s, t, d);
    },
    closeSockets(code = 4000) {
      for (const s of sessions.values()) {
        s.socket?.close(code, 'fake gateway closed the connection');
        s.socket = null;
      }
    },
    async waitForSessions(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while ([...sessions.values()].filter((s) => s.socket).length < n) {
        if (Date.now() > deadline) throw new Error(`fake gateway: ${n} live session(s) not reached`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };

  wss.on('connection', (ws) => {
    let session: Session | null = null;
    sendRaw(ws, { op: 10, d: { heartbeat_interval: o.heartbeatIntervalMs }, s: null, t: null });
    ws.on('close', () => {
      if (session && session.socket === ws) session.socket = null;
    });
    ws.on('message', (raw) => {
      let msg: { op: number; d: Record<string, unknown> | number | null };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        ws.close(4002, 'decode error');
        return;
      }
      const d = (msg.d ?? {}) as Record<string, unknown>;
      if (msg.op === 1) {
        stats.heartbeats += 1;
        sendRaw(ws, { op: 11 });
      } else if (msg.op === 2) {
        if (d.token !== o.token) {
          ws.close(4004, 'Authentication failed');
          return;
        }
        stats.identifies += 1;
        stats.intents.push(Number(d.intents));
        counter += 1;
        session = { id: `fake-session-${counter}`, seq: 0, history: [], socket: ws };
        sessions.set(session.id, session);
        dispatchTo(session, 'READY', { ...o.ready(), session_id: session.id, resume_gateway_url: o.resumeUrl() });
        for (const g of o.guilds()) dispatchTo(session, 'GUILD_CREATE', g);
      } else if (msg.op === 6) {
        const s = sessions.get(String(d.session_id));
        if (!s || d.token !== o.token) {
          sendRaw(ws, { op: 9, d: false, s: null, t: null });
          return;
        }
        stats.resumes += 1;
        s.socket?.close(4000, 'resumed elsewhere');
        s.socket = ws;
        session = s;
        const from = Number(d.seq ?? 0);
        for (const p of s.history.filter((h) => h.s > from)) sendRaw(ws, p);
        const lastMessage = [...s.history]
          .reverse()
          .find((h) => h.t === 'MESSAGE_CREATE' && (h.d as { author?: { bot?: boolean } }).author?.bot !== true);
        dispatchTo(s, 'RESUMED', null);
        if (gateway.replayLastMessageOnResume && lastMessage) {
          stats.replayed += 1;
          dispatchTo(s, 'MESSAGE_CREATE', lastMessage.d);
        }
      }
    });
  });
  return gateway;
}
