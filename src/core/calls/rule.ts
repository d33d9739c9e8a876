/** Rule id of single-key-call findings; its own module so the analyzer names it without loading the call detector (and TypeScript). */
export const SINGLE_KEY_CALL_RULE = 'single-key-call';
