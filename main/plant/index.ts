export { migratePlant, NewerPlantSchemaError, openPlantDatabase, redactedUrl } from './database';
export { PLANT_MIGRATIONS, PLANT_SCHEMA_VERSION, type PlantMigration } from './migrations';
export { plantHealth, startPlantServer, type PlantHealth } from './server';
export { addStation } from './stations';
