export { UnsPublisher, type UnsOptions } from './publisher';
export { unsTopics, UNS_ROOT, type UnsTopics } from './topics';
