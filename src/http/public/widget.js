/*
 * Switchboard web widget: <script src="https://support.example.com/widget.js" defer></script>
 * Options (data-* on the script tag): data-title, data-open="true", data-greeting; identity
 * verification: data-user-id + data-user-hash (hex HMAC-SHA256 of the id with WIDGET_IDENTITY_SECRET,
 * computed by your server). The session token travels only in the Authorization header; the event
 * stream opens with a one-minute ticket (EventSource cannot send headers).
 * Plain DOM, no framework. Every customer, bot and staff text is rendered with textContent, never HTML.
 */
(() => {
  const script = document.currentScript;
  const api = new URL(script ? script.src : location.href).origin;
  const opts = script ? script.dataset : {};
  const identity = opts.userId && opts.userHash ? { userId: opts.userId, userHash: opts.userHash } : null;
  const storeKey = `switchboard:${api}${identity ? `:${identity.userId}` : ''}`;
  let session = JSON.parse(localStorage.getItem(storeKey) || 'null');
  let cursor = 0;
  const seen = new Set();
  let events = null;

  const el = (tag, attrs = {}, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const style = el('style');
  style.textContent = `
  .sb-root{position:fixed;right:20px;bottom:20px;z-index:2147483000;font:14px/1.4 system-ui,sans-serif;color:#1b1f24;display:flex;flex-direction:column;align-items:flex-end}
  .sb-launcher{border:0;border-radius:28px;padding:12px 18px;background:#2457d6;color:#fff;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)}
  .sb-panel{display:none;flex-direction:column;width:360px;max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 100px);background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden;margin-bottom:12px}
  .sb-open .sb-panel{display:flex}
  .sb-head{background:#2457d6;color:#fff;padding:12px 14px;display:flex;align-items:flex-start;gap:8px}
  .sb-headtext{flex:1;min-width:0}
  .sb-title{font-weight:700}.sb-status{font-size:12px;opacity:.9}
  .sb-status[data-status=waiting_human]::before,.sb-status[data-status=human]::before{content:'';display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:#ffd166}
  .sb-status[data-status=human]::before{background:#7be495}
  .sb-close{border:0;background:transparent;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:0 4px;border-radius:6px}
  .sb-close:focus-visible,.sb-launcher:focus-visible,.sb-send:focus-visible,.sb-rate button:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
  .sb-list{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f6f7f9;position:relative}
  .sb-list:focus-visible{outline:2px solid #2457d6;outline-offset:-2px}
  .sb-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
  .sb-msg{max-width:85%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}
  .sb-msg[data-sb-role=customer]{align-self:flex-end;background:#2457d6;color:#fff}
  .sb-msg[data-sb-role=bot]{align-self:flex-start;background:#fff;border:1px solid #e2e5ea}
  .sb-msg[data-sb-role=staff]{align-self:flex-start;background:#e9f7ef;border:1px solid #bfe3cd}
  .sb-msg[data-sb-role=system]{align-self:center;background:none;color:#5b6470;font-size:12px;text-align:center}
  .sb-sources{font-size:12px;color:#5b6470;margin-top:6px;white-space:normal}.sb-sources a{color:#2457d6}
  .sb-author{display:block;font-size:11px;color:#5b6470;margin-bottom:2px}
  .sb-rate{display:flex;gap:4px;margin-top:4px}.sb-rate button{border:1px solid #dde;background:#fff;border-radius:8px;cursor:pointer;font-size:12px}
  .sb-rate button[aria-pressed=true]{background:#2457d6;color:#fff}
  .sb-typing{font-size:12px;color:#5b6470;padding:0 12px 6px;min-height:18px;background:#f6f7f9}
  .sb-form{display:flex;gap:6px;padding:10px;border-top:1px solid #e2e5ea}
  .sb-input{flex:1;resize:none;border:1px solid #cfd5dd;border-radius:8px;padding:8px;font:inherit;height:40px}
  .sb-send{border:0;background:#2457d6;color:#fff;border-radius:8px;padding:0 14px;font-weight:600;cursor:pointer}
  .sb-error{color:#b42318;font-size:12px;padding:0 12px 6px}`;
  document.head.appendChild(style);

  const root = el('div', { class: 'sb-root', 'data-sb': 'root' });
  const panel = el('div', { class: 'sb-panel', id: 'sb-panel', role: 'dialog', 'aria-labelledby': 'sb-title' });
  const head = el('div', { class: 'sb-head' });
  const headText = el('div', { class: 'sb-headtext' });
  headText.append(
    el('div', { class: 'sb-title', id: 'sb-title' }, opts.title || 'Support'),
    el('div', { class: 'sb-status', 'data-sb': 'status', 'data-status': 'bot', role: 'status' }, 'Assistant'),
  );
  const close = el(
    'button',
    { class: 'sb-close', type: 'button', 'data-sb': 'close', 'aria-label': 'Close chat' },
    '×',
  );
  head.append(headText, close);
  // New messages are announced by screen readers (a chat log); the list scrolls by keyboard too.
  const list = el('div', {
    class: 'sb-list',
    'data-sb': 'messages',
    role: 'log',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
    'aria-label': 'Conversation',
    tabindex: '0',
  });
  const typing = el('div', { class: 'sb-typing', 'data-sb': 'typing', role: 'status' });
  const error = el('div', { class: 'sb-error', 'data-sb': 'error', role: 'alert' });
  const form = el('form', { class: 'sb-form' });
  const input = el('textarea', {
    class: 'sb-input',
    'data-sb': 'input',
    placeholder: 'Type your message…',
    maxlength: '4000',
    'aria-label': 'Message',
  });
  const send = el('button', { class: 'sb-send', type: 'submit', 'data-sb': 'send' }, 'Send');
  form.append(input, send);
  panel.append(head, list, typing, error, form);
  const launcher = el(
    'button',
    {
      class: 'sb-launcher',
      type: 'button',
      'data-sb': 'launcher',
      'aria-expanded': 'false',
      'aria-controls': 'sb-panel',
    },
    opts.launcher || 'Chat with us',
  );
  root.append(panel, launcher);
  document.body.appendChild(root);
  const statusEl = head.querySelector('[data-sb=status]');

  const call = async (method, path, body) => {
    const headers = { 'content-type': 'application/json' };
    if (session) headers.authorization = `Bearer ${session.token}`;
    const res = await fetch(api + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && session && path !== '/v1/widget/sessions') {
      // Expired or ended session: forget it; the next message starts a new one.
      session = null;
      localStorage.removeItem(storeKey);
      ready = null;
    }
    if (!res.ok)
      throw Object.assign(new Error(data.error?.message || `HTTP ${res.status}`), {
        status: res.status,
        code: data.error?.code,
      });
    return data;
  };

  // One vocabulary with the server (history `status` and the stream's `status` events).
  const STATUS_LABELS = {
    bot: 'Assistant',
    waiting_human: 'Waiting for a support agent',
    human: 'Talking to a support agent',
    resolved: 'Resolved · the assistant is back',
  };
  let statusEpoch = 0; // bumped by live status events, so an older history answer cannot undo them
  const setStatus = (status) => {
    if (!STATUS_LABELS[status] || statusEl.dataset.status === status) return;
    statusEl.textContent = STATUS_LABELS[status];
    statusEl.dataset.status = status;
  };

  const render = (m) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    if (m.seq > cursor) cursor = m.seq;
    const item = el('div', { class: 'sb-msg', 'data-sb-role': m.role, 'data-sb-id': m.id });
    if (m.role === 'staff' && m.authorName) item.append(el('span', { class: 'sb-author' }, m.authorName));
    item.append(el('span', { 'data-sb': 'text' }, m.text));
    if (m.kind) item.dataset.sbKind = m.kind;
    if (m.role === 'bot' && Array.isArray(m.sources) && m.sources.length) item.append(sourceList(m.sources));
    // Ratings only under the bot's own answers, not under hand-off or system notices.
    if (m.role === 'bot' && (!m.kind || m.kind === 'answer' || m.kind === 'uncertain'))
      item.append(ratingButtons(m.id));
    const after = [...list.children].find((c) => Number(c.dataset.seq) > m.seq);
    item.dataset.seq = String(m.seq || Number.MAX_SAFE_INTEGER);
    list.insertBefore(item, after || null);
    scrollFor(item, m.role);
  };

  // A new reply is shown from its first line: the first reply after the customer's message is the
  // anchor; later notices keep it in view, and later replies move it only when both do not fit.
  let anchor = null;
  const scrollFor = (item, role) => {
    if (role === 'customer') {
      anchor = null;
      list.scrollTop = list.scrollHeight;
      return;
    }
    const fits = anchor && item.offsetTop + item.offsetHeight - anchor.offsetTop <= list.clientHeight - 16;
    if (!anchor || (role !== 'system' && !fits)) anchor = item;
    list.scrollTop = Math.max(0, anchor.offsetTop - 8);
  };

  const sourceList = (sources) => {
    const wrap = el('div', { class: 'sb-sources', 'data-sb': 'sources' });
    wrap.append(el('span', { class: 'sb-sources-label' }, sources.length > 1 ? 'Sources: ' : 'Source: '));
    sources.forEach((src, i) => {
      if (i > 0) wrap.append(document.createTextNode(', '));
      const safe = typeof src.url === 'string' && /^https?:\/\//i.test(src.url);
      const link = safe
        ? el('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer', 'data-sb-source': src.id }, src.title)
        : el('span', { 'data-sb-source': src.id }, src.title);
      wrap.append(link);
    });
    return wrap;
  };

  const ratingButtons = (id) => {
    const wrap = el('div', { class: 'sb-rate' });
    for (const [rating, label] of [
      ['up', 'Helpful'],
      ['down', 'Not helpful'],
    ]) {
      const b = el(
        'button',
        { type: 'button', 'aria-label': `Rate ${rating}`, 'aria-pressed': 'false', 'data-sb-rate': rating },
        label,
      );
      b.addEventListener('click', async () => {
        try {
          await call('POST', '/v1/widget/feedback', { messageId: id, rating });
          for (const other of wrap.children) other.setAttribute('aria-pressed', String(other === b));
        } catch (e) {
          error.textContent = e.message;
        }
      });
      wrap.append(b);
    }
    return wrap;
  };

  const catchUp = async () => {
    const epoch = statusEpoch;
    const data = await call('GET', `/v1/widget/messages?after=${cursor}`);
    data.messages.forEach(render);
    if (data.status && epoch === statusEpoch) setStatus(data.status);
  };

  let retryTimer = null;
  const connect = async () => {
    if (events) events.close();
    clearTimeout(retryTimer);
    const { ticket } = await call('POST', '/v1/widget/events/ticket');
    // lastEventId: the server replays what arrived after our cursor (EventSource's own reconnects send
    // the Last-Event-ID header, which wins).
    events = new EventSource(
      `${api}/v1/widget/events?ticket=${encodeURIComponent(ticket)}&lastEventId=${encodeURIComponent(cursor)}`,
    );
    // Tickets live a minute: when the stream drops for good, open it again with a fresh one.
    events.addEventListener('error', () => {
      if (events.readyState !== EventSource.CLOSED) return;
      retryTimer = setTimeout(() => void connect().catch(() => {}), 3000);
    });
    events.addEventListener('message', (e) => {
      const m = JSON.parse(e.data);
      if (m.role !== 'customer') typing.textContent = ''; // a reply ends "typing"
      render(m);
    });
    events.addEventListener('typing', (e) => {
      typing.textContent = JSON.parse(e.data).on ? 'Assistant is typing…' : '';
    });
    events.addEventListener('status', (e) => {
      const s = JSON.parse(e.data);
      statusEpoch += 1;
      setStatus(s.status);
    });
    events.addEventListener('open', () => void catchUp().catch(() => {}));
  };

  const ensureSession = async () => {
    if (session) {
      try {
        await catchUp();
        return;
      } catch (e) {
        if (e.status !== 401) throw e;
        session = null;
      }
    }
    session = await call('POST', '/v1/widget/sessions', identity || {});
    localStorage.setItem(storeKey, JSON.stringify(session));
  };

  let ready = null;
  const boot = () => {
    ready ??= ensureSession().then(() => {
      void connect().catch(() => {});
      // Safety net behind the live stream: while the chat is open and visible, re-read anything newer
      // than what is shown every 15 s, so a push lost on the way still appears.
      setInterval(() => {
        if (root.classList.contains('sb-open') && document.visibilityState === 'visible')
          void catchUp().catch(() => {});
      }, 15_000);
      if (opts.greeting && list.children.length === 0) {
        list.append(el('div', { class: 'sb-msg', 'data-sb-role': 'system' }, opts.greeting));
      }
    });
    return ready;
  };

  const toggle = (open, focus = true) => {
    root.classList.toggle('sb-open', open);
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      void boot().catch((e) => (error.textContent = e.message));
      if (focus) input.focus();
    } else if (focus) launcher.focus();
  };
  launcher.addEventListener('click', () => toggle(!root.classList.contains('sb-open')));
  close.addEventListener('click', () => toggle(false));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') toggle(false);
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    error.textContent = '';
    send.disabled = true;
    try {
      await boot();
      const clientMessageId = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
      await call('POST', '/v1/widget/messages', { text, clientMessageId });
      input.value = '';
      await catchUp();
    } catch (err) {
      error.textContent = err.message;
    } finally {
      send.disabled = false;
    }
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  if (opts.open === 'true') toggle(true, false);
  window.Switchboard = { open: () => toggle(true), close: () => toggle(false) };
})();
