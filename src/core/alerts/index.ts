export * from './types';
export { AlertDispatcher } from './dispatcher';
export type { AlertDispatcherOptions, AlertEvent, Delivery, DispatchResult, DispatchStatus, RetryPolicy } from './dispatcher';
export { alertEndpoints, alertEndpointSubject, alertText, auditLogSink, callbackSink, createSinks, slackSink, webhookSink } from './sinks';
export type { AlertEndpoint, SinkContext } from './sinks';
export { alertsFromReport } from './from-report';
export * from './channels/index';
