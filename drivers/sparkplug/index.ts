// The Sparkplug B host application's public face: a Driver (core/tags/driver.ts) over MQTT, and the payload codec.
export { createSparkplugHost, type SparkplugHost, type SparkplugHostStats } from './host';
export type { SparkplugHostOptions, SparkplugLog, SparkplugLogLevel } from './options';
export { SparkplugError, type SparkplugErrorCode } from './errors';
export { NAMESPACE, deviceTopic, isValidId, nodeTopic, parseTopic, stateTopic, type SparkplugTopic } from './topic';
export * from './codec';
