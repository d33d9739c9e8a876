// Types of config.mjs for the TypeScript parts of the benchmark.
export declare const BENCH: string;
export declare const ROOT: string;
export declare const CACHE: string;
export declare const CORPUS: string;
export declare const LABELED: string;
export declare const REAL_WORLD: string;
export declare const RESULTS_DIR: string;
export declare const PEERS: Record<string, string>;
export declare const NODE22: string;
export declare const REAL_WORLD_PACKAGES: Record<string, string>;
export declare const PYTHON_SOURCES: string[];
export declare const PEER_SUITES: Record<string, { repo: string; commit: string }>;
