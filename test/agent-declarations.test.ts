/**
 * Agents as data: every agent of a turn is declared once (agents/team.ts), and the tier policy
 * applies a declaration's rule the same way for any agent (src/tiers/tiered-agent-set.ts).
 */
import { describe, expect, it } from 'vitest';
import { AGENT_TEAM } from '../agents/team.js';
import { AGENT_NAMES } from '../src/core/agent-steps.js';
import { type AgentContext, EMPTY_KNOWLEDGE_BASE, nullRecorder } from '../src/core/index.js';
import type { TierRule } from '../src/models/agent-declaration.js';
import { DEFAULT_TIER_POLICY } from '../src/models/tier-policy.js';
import type { ModelTier } from '../src/models/types.js';
import { tieredStep } from '../src/tiers/tiered-agent-set.js';

const ctx: AgentContext = {
  conversationId: 'c',
  messageId: 'm',
  text: 'hello',
  history: [],
  limits: { maxMessageChars: 500, supportsMarkdown: false },
  kb: EMPTY_KNOWLEDGE_BASE,
  recorder: nullRecorder,
} as AgentContext;

describe('agent declarations', () => {
  it('declare every agent of a turn with a purpose, a local and a model strategy, and a tier rule', () => {
    for (const name of AGENT_NAMES) {
      const d = AGENT_TEAM[name];
      expect(d.name).toBe(name);
      expect(d.purpose.length).toBeGreaterThan(10);
      expect(typeof d.local).toBe('function');
      expect(typeof d.model).toBe('function');
      expect(d.tier?.order).toMatch(/^(after|before)-local$/);
    }
  });

  it('the tier policy follows a rule: keep local, ask the chosen tier, fall back, or rethrow', async () => {
    const asked: ModelTier[] = [];
    const degraded: string[] = [];
    let fail = false;
    const rule: TierRule<number, string> = {
      order: 'after-local',
      escalateWhen: (_local, { input }) => (input > 1 ? (input > 2 ? 'strong' : 'fast') : null),
      whenNoModel: (local) => `${local} (no model)`,
    };
    const env = {
      policy: DEFAULT_TIER_POLICY,
      available: (t: ModelTier) => t !== 'strong',
      degraded: (step: string) => void degraded.push(step),
    };
    const step = tieredStep(
      'probe',
      rule,
      async (_c, n) => `local ${n}`,
      async (_c, n, { tier }) => {
        asked.push(tier);
        if (fail) throw new Error('down');
        return `model ${n}`;
      },
      env,
    );
    expect(await step(ctx, 1)).toBe('local 1');
    expect(await step(ctx, 2)).toBe('model 2');
    expect(await step(ctx, 3)).toBe('local 3 (no model)');
    fail = true;
    expect(await step(ctx, 2)).toBe('local 2');
    expect(degraded).toEqual(['probe']);
    expect(asked).toEqual(['fast', 'fast']);
    const strict = tieredStep(
      'strict',
      { ...rule, whenModelFails: 'throw' },
      async () => 'l',
      async () => {
        throw new Error('down');
      },
      env,
    );
    await expect(strict(ctx, 2)).rejects.toThrow('down');
  });
});
