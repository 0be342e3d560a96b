/**
 * A server-sent events client for tests, over fetch: parses `id`/`event`/`data`, and like a browser's
 * EventSource reconnects after the stream drops, sending `Last-Event-ID` (the last `id:` it saw).
 */

/** One received event. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
  /** When it arrived (Date.now()). */
  at: number;
}

/** Options for {@link openSse}. */
export interface OpenSseOptions {
  headers?: Record<string, string>;
  /** Called for every event. */
  onEvent?: (e: SseEvent) => void;
  /** Pause before reconnecting (default 500 ms). */
  retryMs?: number;
}

/** A running client. */
export interface SseClient {
  readonly events: SseEvent[];
  /** Connections opened so far (1 + reconnects). */
  readonly connects: number;
  /** Resolves once the first response headers arrived. */
  readonly opened: Promise<void>;
  close(): void;
}

/** Open `url` and keep it open (reconnecting) until `close()`. */
export function openSse(url: string, options: OpenSseOptions = {}): SseClient {
  const events: SseEvent[] = [];
  const abort = new AbortController();
  let lastId: string | undefined;
  let connects = 0;
  let markOpen: () => void = () => {};
  const opened = new Promise<void>((r) => {
    markOpen = r;
  });

  const consume = async () => {
    connects++;
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
    if (lastId !== undefined) headers['last-event-id'] = lastId;
    const res = await fetch(url, { headers, signal: abort.signal });
    if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
    markOpen();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const e: SseEvent = { event: 'message', data: '', at: Date.now() };
        let hasData = false;
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon === 0) continue;
          const field = colon < 0 ? line : line.slice(0, colon);
          const v = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') e.id = lastId = v;
          else if (field === 'event') e.event = v;
          else if (field === 'data') {
            e.data = hasData ? `${e.data}\n${v}` : v;
            hasData = true;
          }
        }
        if (!hasData) continue;
        events.push(e);
        options.onEvent?.(e);
      }
    }
  };

  void (async () => {
    while (!abort.signal.aborted) {
      await consume().catch(() => {});
      if (abort.signal.aborted) return;
      await new Promise((r) => setTimeout(r, options.retryMs ?? 500));
    }
  })();

  return {
    events,
    get connects() {
      return connects;
    },
    opened,
    close: () => abort.abort(),
  };
}
