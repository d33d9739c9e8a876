import type { AlertSink } from '../alerts/types';
import type { ProbeMetrics } from './probe-metrics';

/** An alert sink that counts alerts in `rotation_ready_alerts_total` (for the dashboard's signal panels). */
export function metricsSink(metrics: ProbeMetrics): AlertSink {
  return {
    name: 'metrics',
    render: (alert) => JSON.stringify({ service: alert.service, environment: alert.environment }),
    deliver: async (_payload, alert) => metrics.countAlert(alert),
  };
}
