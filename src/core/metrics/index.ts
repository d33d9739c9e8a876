export * from './types';
export { LATENCY_BUCKETS, ProbeMetrics } from './probe-metrics';
export { startMetricsServer } from './server';
export type { MetricsServer, MetricsServerOptions } from './server';
export { observationsFromReport } from './from-report';
export { metricsSink } from './sink';
export { DatadogSeriesExporter, datadogSeriesPayload } from './datadog-series';
export type { DatadogSeriesExporterOptions } from './datadog-series';
