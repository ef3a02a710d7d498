export * from './candle';
export * from './errors/invalid-request.error';
export * from './errors/market-data.error';
export * from './errors/provider-unavailable.error';
export * from './errors/rate-limited.error';
export * from './errors/symbol-not-found.error';
export * from './errors/unknown-provider.error';
export * from './interval';
export * from './market-data.module';
export * from './provider';
export * from './provider-registry';
export * from './http/provider-http';
export * from './providers/binance-futures.provider';
export * from './providers/bybit-linear.provider';
export * from './providers/csv.provider';
export * from './providers/symbol-rules';
export * from './providers/synthetic.provider';
export * from './providers/yahoo-chart.provider';
export * from './quality/candle-quality';
// Test support (a fake provider HTTP server), exported so that other libs' and apps' tests can
// reach it through @app/market-data.
