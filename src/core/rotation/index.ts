export { RotationMachine, RotationError } from './machine';
export type { Validator, RotationStatus, StepView, RotationOptions, RotationErrorReason } from './machine';
export { STAGES } from '../vocabulary/rotationRecord';
export type { Stage, RotationRecord } from '../vocabulary/rotationRecord';
export { rotationSteps } from './steps';
export type { ProviderInfo, StepText } from './steps';
