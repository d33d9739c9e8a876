/** The fix engine's API for the code-action provider and the CLI (see docs/fixes.md). */
export { addExampleNames, applyEnvFix, applyFix, removeExampleNames } from './applyFix';
export type { AppliedFix, ApplyOptions, ExampleNames, SecuredPlan } from './applyFix';
export { envFixApplies, planEnvFix } from './envFix';
export type { EnvFixInput, EnvFixPlan } from './envFix';
export { applyEdits, minimalEdits } from './minimalEdits';
export type { ModuleStyle, ProjectInfo } from './moduleStyle';
export { allDestinations, DotenvDestination } from './secretDestination';
export type { SecretDestination, StoredSecret } from './secretDestination';
export { FixAbortedError, secretValue, UnsupportedFixError } from './types';
export type { NewFile, SecretToSecure, TextEdit } from './types';
export { planWrapperFix } from './wrapperFix';
export type { WrapperFixInput, WrapperFixPlan } from './wrapperFix';
