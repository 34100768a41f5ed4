export { UnsPublisher, type UnsOptions } from './publisher';
export { unsTopics, type UnsTopics } from './topics';
export { UnsLink, type UnsStatus } from './uns-link';
