// Staff API client: bearer token from login kept in sessionStorage; live events over SSE.
const BASE = '/v1/staff';
const KEY = 'sb-staff';

/** The stored session ({token, staff}) or null. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

export function setSession(s) {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

/** An API error carrying the server's `{error:{code,message}}`. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Call the staff API; throws ApiError. A 401 clears the session and fires `sb-logout`. */
export async function api(path, { method = 'GET', body } = {}) {
  const s = session();
  const headers = { accept: 'application/json' };
  if (s?.token) headers.authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(BASE + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = data?.error || {};
    if (res.status === 401 && path !== '/login') {
      setSession(null);
      window.dispatchEvent(new Event('sb-logout'));
    }
    throw new ApiError(res.status, err.code || 'http_error', err.message || `Request failed (${res.status})`);
  }
  return data;
}

/**
 * Subscribe to live staff events. `onEvent(event)` gets bus events, and `{ type: 'resync' }` after a
 * reconnect (reload from the API); `onState(connected)` the connection state. Returns a close
 * function. EventSource reconnects by itself.
 */
export function liveEvents(onEvent, onState) {
  const s = session();
  if (!s?.token || typeof EventSource === 'undefined') return () => {};
  const es = new EventSource(`${BASE}/events?token=${encodeURIComponent(s.token)}`);
  const handle = (e) => {
    try {
      onEvent(JSON.parse(e.data));
    } catch {
      /* ignore malformed */
    }
  };
  for (const type of ['escalation', 'status', 'message']) es.addEventListener(type, handle);
  // Events sent while the stream (or the server's bus: `resync`) was down are gone: reload instead.
  let connected = false;
  es.addEventListener('resync', () => onEvent({ type: 'resync' }));
  es.addEventListener('ready', () => {
    if (connected) onEvent({ type: 'resync' });
    connected = true;
    onState(true);
  });
  es.onerror = () => onState(false);
  return () => es.close();
}
