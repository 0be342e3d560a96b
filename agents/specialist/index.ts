/** Specialist agents (technical, billing, product): public surface. */
export { createLocalSpecialist, joinUnits, type LocalSpecialistOptions, selectUnits } from './local.js';
