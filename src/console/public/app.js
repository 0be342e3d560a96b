// Staff console entry: login, hash routing (#/inbox, #/e/<id>, #/stats), live updates over SSE.
import { api, liveEvents, session, setSession } from './api.js';
import { renderConversation } from './conversation.js';
import { h, mount, toast } from './dom.js';
import { renderSetup, setupState } from './first-run.js';
import { renderGaps } from './gaps.js';
import { renderInbox } from './inbox.js';
import { renderStats } from './stats.js';

const $ = (sel) => document.querySelector(sel);
let closeLive = () => {};
let pending = null;

function renderLogin() {
  $('[data-c="topbar"]').hidden = true;
  const error = h('div', { class: 'error', 'data-c': 'login-error' });
  const form = h(
    'form',
    {
      class: 'card login',
      'data-c': 'login',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const fd = new FormData(form);
        try {
          const r = await api('/login', {
            method: 'POST',
            body: { email: fd.get('email'), password: fd.get('password') },
          });
          setSession({ token: r.token, staff: r.staff });
          start();
        } catch (err) {
          error.textContent = err.message;
        }
      },
    },
    h('h2', {}, 'Staff console'),
    h('input', { name: 'email', type: 'email', placeholder: 'Email', autocomplete: 'username', required: true }),
    h('input', {
      name: 'password',
      type: 'password',
      placeholder: 'Password',
      autocomplete: 'current-password',
      required: true,
    }),
    h('button', { class: 'primary', type: 'submit', 'data-c': 'login-submit' }, 'Log in'),
    error,
  );
  mount($('[data-c="main"]'), form);
}

async function route() {
  const main = $('[data-c="main"]');
  const hash = location.hash || '#/inbox';
  const focused = document.activeElement?.getAttribute('data-c') === 'reply-text';
  try {
    const m = hash.match(/^#\/e\/([0-9a-f-]{36})$/i);
    if (m) await renderConversation(main, m[1]);
    else if (hash === '#/stats') await renderStats(main);
    else if (hash === '#/gaps') await renderGaps(main);
    else await renderInbox(main);
    if (focused) {
      const t = $('[data-c="reply-text"]');
      t?.focus();
      t?.setSelectionRange(t.value.length, t.value.length);
    }
  } catch (err) {
    if (err.status === 401) return;
    mount(main, h('div', { class: 'card error', 'data-c': 'view-error' }, err.message));
  }
}

/** Re-render after live events, coalescing bursts. */
function refreshSoon() {
  clearTimeout(pending);
  pending = setTimeout(route, 150);
}

/** No session: the first-admin form while no staff account exists, else the login. */
async function signIn() {
  $('[data-c="topbar"]').hidden = true;
  const state = await setupState();
  if (state?.needed) renderSetup($('[data-c="main"]'), state, start);
  else renderLogin();
}

function start() {
  const s = session();
  if (!s) return signIn();
  $('[data-c="topbar"]').hidden = false;
  $('[data-c="me"]').textContent = `${s.staff.name} (${s.staff.role})`;
  closeLive();
  closeLive = liveEvents(
    (event) => {
      const hash = location.hash || '#/inbox';
      if (event.type === 'escalation' && event.event === 'opened') toast('New escalation in the inbox');
      const open = $('[data-c="conversation"]');
      // In a conversation view, only events of that conversation matter.
      if (
        event.type !== 'resync' &&
        hash.startsWith('#/e/') &&
        open &&
        event.conversationId !== open.getAttribute('data-conversation')
      )
        return;
      refreshSoon();
    },
    (on) => $('[data-c="live"]').classList.toggle('on', on),
  );
  route();
}

window.addEventListener('hashchange', route);
window.addEventListener('sb-refresh', route);
window.addEventListener('sb-logout', () => {
  closeLive();
  renderLogin();
});
document.addEventListener('DOMContentLoaded', () => {
  $('[data-c="logout"]').addEventListener('click', async () => {
    await api('/logout', { method: 'POST' }).catch(() => {});
    setSession(null);
    closeLive();
    renderLogin();
  });
  start();
});
