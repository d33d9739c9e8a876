export { RotationMachine, RotationError } from './machine';
export type { Validator, RotationStatus, StepView, RotationOptions, RotationErrorReason } from './machine';
export { STAGES } from './record';
export type { Stage, RotationRecord } from './record';
export { rotationSteps } from './steps';
export type { ProviderInfo, StepText } from './steps';
