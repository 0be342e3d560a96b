// First run: no staff account exists yet, so the console offers to create the first admin.
import { api, setSession } from './api.js';
import { h, mount } from './dom.js';

/** `{ needed, local }` from the server, or null when it cannot say (then show the login). */
export async function setupState() {
  return api('/setup').catch(() => null);
}

/** Render the "create the first admin" form into `main`; `done()` runs once signed in. */
export function renderSetup(main, state, done) {
  const error = h('div', { class: 'error', 'data-c': 'setup-error', role: 'alert' });
  const field = (label, attrs) => h('label', { class: 'field' }, h('span', {}, label), h('input', attrs));
  const form = h(
    'form',
    {
      class: 'card login',
      'data-c': 'setup',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const fd = new FormData(form);
        try {
          const r = await api('/setup', {
            method: 'POST',
            body: {
              name: fd.get('name'),
              email: fd.get('email'),
              password: fd.get('password'),
              setupToken: fd.get('setupToken') || undefined,
            },
          });
          setSession({ token: r.token, staff: r.staff });
          done();
        } catch (err) {
          error.textContent = err.message;
        }
      },
    },
    h('h2', {}, 'Welcome to Switchboard'),
    h(
      'p',
      { class: 'meta' },
      'No staff account exists yet. Create the first administrator to start answering hand-offs.',
    ),
    field('Your name', { name: 'name', autocomplete: 'name', required: true }),
    field('Email', { name: 'email', type: 'email', autocomplete: 'username', required: true }),
    field('Password (at least 8 characters)', {
      name: 'password',
      type: 'password',
      minlength: '8',
      autocomplete: 'new-password',
      required: true,
    }),
    state.local
      ? null
      : field('Setup token (printed in the server log at start)', {
          name: 'setupToken',
          autocomplete: 'off',
          required: true,
        }),
    h('button', { class: 'primary', type: 'submit', 'data-c': 'setup-submit' }, 'Create admin account'),
    error,
  );
  mount(main, form);
}
