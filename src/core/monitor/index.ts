export * from './types';
export { ProbeHistory } from './history';
export type { HistoryLimits } from './history';
export { detectIncrease, detectIntermittent, detectSignals, detectSpike } from './signals';
export { healthSummary, targetHealth } from './health';
export { monitorAlerts } from './alerts';
export { historyReport } from './timeline';
export { HealthMonitor, monitoredServices } from './monitor';
export type { HealthMonitorOptions, MonitorRunEvent } from './monitor';
