/** Synthesis agent: public surface. */

export { synthesisAgent } from './agent.js';
export { fitReply, stripMarkdown } from './format.js';
export { createLocalSynthesisAgent } from './local.js';
export { PHRASES, type Phrases, phrasesFor } from './phrases.js';
