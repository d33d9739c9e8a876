/** Where a key sits in a service's environment (DESIGN.md: slot); the keychain, probes, alerts and metrics all say it this way. */
export type Slot = 'primary' | 'fallback' | 'previous';
export const SLOTS: readonly Slot[] = ['primary', 'fallback', 'previous'];
