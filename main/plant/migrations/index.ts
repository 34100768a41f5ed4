import type { PlantMigration } from './migration';
import { plantMigration001 } from './001-event-log';
import { plantMigration002 } from './002-station-roles';
import { plantMigration003 } from './003-copy-into-the-log';
import { plantMigration004 } from './004-plant-read-models';
import { plantMigration005 } from './005-log-without-per-row-reference';
import { plantMigration006 } from './006-plant-accounts';
import { plantMigration007 } from './007-releases';
import { plantMigration008 } from './008-log-by-station-and-month';
import { plantMigration009 } from './009-station-roles-hardened';
import { plantMigration010 } from './010-engineer-decides';

export type { PlantMigration } from './migration';

export const PLANT_MIGRATIONS: readonly PlantMigration[] = [plantMigration001, plantMigration002, plantMigration003, plantMigration004, plantMigration005, plantMigration006, plantMigration007, plantMigration008, plantMigration009, plantMigration010];
export const PLANT_SCHEMA_VERSION = PLANT_MIGRATIONS.length;
