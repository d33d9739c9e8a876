export * from './types';
export { startSimulator, UnknownServiceError } from './server';
export type { Simulator, SimulatorAdmin, SimulatorOptions } from './server';
export { loadSimulatorConfig, presetSimAuth, DEFAULT_SIMULATOR_PORT } from './config';
export { SIMULATOR_FINGERPRINT_SALT, simFingerprint } from './state';
