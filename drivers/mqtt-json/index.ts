// Plain JSON over MQTT (brokers without Sparkplug) as a Driver (core/tags/driver.ts): the tag address is the topic.
export { createMqttJsonDriver, MqttJsonError, type MqttJsonDriverOptions } from './driver';
export { parsePayload, encodeWrite, type WriteFormat } from './payload';
export { topicMatches, filterProblem, topicProblem, browseTopics } from './topics';
