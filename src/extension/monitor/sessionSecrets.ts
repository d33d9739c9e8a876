import type { KeySource } from '../../core/probe/index';

/**
 * The key values handed out this session, in memory only, for the alert sinks' redaction guard:
 * a payload containing any of them is refused. Nothing here is persisted or logged.
 */
export class SessionSecrets {
  private readonly seen = new Set<string>();

  /** A key source that remembers every value it hands out. */
  record(source: KeySource): KeySource {
    return {
      label: source.label,
      get: async (service, environment, slot) => {
        const value = await source.get(service, environment, slot);
        if (value) this.seen.add(value);
        return value;
      },
    };
  }

  values(): Iterable<string> {
    return this.seen;
  }

  get size(): number {
    return this.seen.size;
  }
}
