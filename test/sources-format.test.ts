/** Sources under answers, the platform's way: Slack mrkdwn links, Discord masked links without embeds. */
import { describe, expect, it } from 'vitest';
import { discordSources } from '../adapters/discord/outbound.js';
import { formatOutbound, formatSources } from '../adapters/slack/format.js';

const sources = [
  { id: 'a', title: 'Reset <your> password', url: 'https://help.example.com/reset' },
  { id: 'b', title: 'Two-factor *codes*' },
];

describe('reply sources on Slack and Discord', () => {
  it('lists Slack sources as escaped links under the reply', () => {
    expect(formatSources(sources)).toBe(
      '_Sources: <https://help.example.com/reset|Reset &lt;your&gt; password>, Two-factor *codes*_',
    );
    const [chunk] = formatOutbound({ text: 'Open **Settings**.', author: 'bot', sources: sources.slice(0, 1) });
    expect(chunk).toBe('Open *Settings*.\n_Source: <https://help.example.com/reset|Reset &lt;your&gt; password>_');
    expect(formatSources([])).toBe('');
    expect(formatSources([{ title: 'x', url: 'javascript:alert(1)' }])).toBe('_Source: x_');
  });

  it('lists Discord sources as small text with embeds suppressed and markdown escaped', () => {
    expect(discordSources(sources)).toBe(
      '\n-# Sources: [Reset <your\\> password](<https://help.example.com/reset>), Two\\-factor \\*codes\\*',
    );
    expect(discordSources([])).toBe('');
  });
});
