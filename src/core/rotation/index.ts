export { RotationMachine, RotationError } from './machine';
export type { Validator, RotationStatus, StepView, RotationOptions, RotationErrorReason } from './machine';
export { rotationSteps } from './steps';
export type { ProviderInfo, StepText } from './steps';
