// The core's public face. Runtime-free: no node:*, no Electron, no DOM, no driver packages.
export * from './shared/result';
export * from './shared/decider';
export * from './shared/errors';
export * from './packml/states';
export * from './equipment/model';
export * from './material/model';
export * from './orders/order';
export * from './units/unit';
export * from './queue/dispatch-queue';
export * from './workcenter/work-center';
export * from './users/roles';
export * from './events';
export * from './api/schemas';
export * from './api/contract';
export * from './api/client';
export * from './tags/driver';
export * from './equipment/plc-tags';
