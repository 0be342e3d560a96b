/** Specialist agents (technical, billing, product): public surface. */

export { billingAgent, productAgent, type SpecialistDeps, specialistAgent, technicalAgent } from './agent.js';
export { createLocalSpecialist, joinUnits, type LocalSpecialistOptions, selectUnits } from './local.js';
