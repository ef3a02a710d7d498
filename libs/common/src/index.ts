export * from './config/app-config';
export * from './config/app-config.module';
export * from './config/config-validation.error';
export * from './config/environment';
export * from './config/read-environment';
export * from './bootstrap/load-config';
export * from './lifecycle/shutdown-logger';
export * from './metrics/metrics';
