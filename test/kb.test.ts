import { createPgliteTestDb, createPostgresTestDb } from './helpers/db.js';
import { kbSuite } from './kb-suite.js';

kbSuite('PGlite', createPgliteTestDb);
kbSuite('Postgres', createPostgresTestDb);
