import { createLocalRouter } from '../../agents/router/index.js';
import type { Config } from '../config.js';
import { createDb } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createModelGateway } from '../models/gateway.js';
import { createMemoryRecorder } from '../models/recorder.js';
import { loadLatestRouterModel } from '../router-training/store.js';
import { createTierRouter } from '../tiers/tier-router.js';
import { CliError } from './args.js';
import { runEval } from './eval.js';

/** `switchboard eval --file <f> [--tier local|fast|strong]`: the configured router, scored. */
export async function runEvalCommand(args: {
  file: string;
  tier: string;
  config: Config;
  out: (l: string) => void;
}): Promise<number> {
  const { tier, config } = args;
  if (!['local', 'fast', 'strong'].includes(tier))
    throw new CliError(`--tier must be local, fast or strong (got "${tier}")`);
  const db = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    if (tier === 'local') {
      const model = await loadLatestRouterModel(db);
      if (model) process.stderr.write('using the router trained with `switchboard router train`\n');
      await runEval({ file: args.file, router: createLocalRouter(model ? { model } : {}), out: args.out });
      return 0;
    }
    const gateway = createModelGateway(config, createMemoryRecorder());
    if (!gateway.available(tier as 'fast' | 'strong')) {
      throw new CliError(
        `no model configured for the ${tier} tier (set OPENAI_BASE_URL/OPENAI_API_KEY and MODEL_${tier.toUpperCase()})`,
      );
    }
    await runEval({ file: args.file, router: createTierRouter(gateway, tier as 'fast' | 'strong'), out: args.out });
    return 0;
  } finally {
    await db.close();
  }
}
