export { migratePlant, NewerPlantSchemaError, openPlantDatabase, redactedUrl } from './database';
export { PLANT_MIGRATIONS, PLANT_SCHEMA_VERSION, type PlantMigration } from './migrations';
export { plantHealth, plantOpenApi, startPlantServer, type PlantHealth, type PlantServerOptions } from './server';
export { addPlantUser, disablePlantUser, PlantSessions, type PlantUser } from './plant-accounts';
export { addStation, resumeStation } from './stations';
export { PlantProjector, type ProjectionStatus } from './plant-projector';
export { PlantGenealogy } from './plant-genealogy';
export { StationReplica, type PlantEventRow } from './station-replica';
