/** What one probe says about one key (DESIGN.md: outcome); probes make it, history, metrics and the monitor read it. */
export type Outcome = 'valid' | 'rejected' | 'rate-limited' | 'unknown' | 'misconfigured';
