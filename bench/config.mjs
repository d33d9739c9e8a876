// Pinned inputs of the benchmark, shared by every part. Changing a version changes the results: say so in RESULTS.md.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = dirname(BENCH);
export const CACHE = join(BENCH, '.cache');
export const CORPUS = join(BENCH, 'corpus');
export const LABELED = join(CORPUS, 'labeled');
export const REAL_WORLD = join(CORPUS, 'real-world');
export const RESULTS_DIR = join(CACHE, 'results');

export const PEERS = {
  secretlint: '13.0.6',
  '@secretlint/secretlint-rule-preset-recommend': '13.1.0',
  eslint: '9.39.5',
  'eslint-plugin-no-secrets': '2.3.3',
  '@typescript-eslint/parser': '8.73.0',
};
export const NODE22 = '22.23.3';

/** Popular packages (JS/TS, with their dependency trees), pinned. Python comes from Debian's dist-packages. */
export const REAL_WORLD_PACKAGES = {
  typescript: '5.9.3',
  lodash: '4.18.1',
  react: '19.3.1',
  'react-dom': '19.3.1',
  webpack: '5.112.2',
  eslint: '9.39.5',
  rxjs: '7.8.2',
  moment: '2.31.0',
  '@aws-sdk/client-s3': '3.1175.0',
  '@aws-sdk/client-dynamodb': '3.1169.0',
  '@googleapis/drive': '26.0.1',
  '@googleapis/sheets': '18.1.1',
  stripe: '23.1.0',
  express: '5.3.0',
  axios: '1.21.1',
  '@babel/core': '8.1.3',
  prettier: '3.10.1',
  d3: '7.9.2',
  vue: '3.5.45',
  jquery: '4.0.0',
  'chart.js': '4.6.1',
};
export const PYTHON_SOURCES = ['/usr/lib/python3/dist-packages'];

/**
 * Peers' own test data for `npm run bench:peers` (bench/peers.ts), pinned by commit. Not installed by setup.mjs and
 * never copied into this repository: clone each (bench/peers/README.md) and pass its directory.
 */
export const PEER_SUITES = {
  gitleaks: { repo: 'https://github.com/gitleaks/gitleaks.git', commit: 'b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b' },
  secretlint: { repo: 'https://github.com/secretlint/secretlint.git', commit: '18346ba31b8173d52060b971221ab38c1943def0' },
  'detect-secrets': { repo: 'https://github.com/Yelp/detect-secrets.git', commit: '5e141933554a0b74e7341841f318be21e895339c' },
  trufflehog: { repo: 'https://github.com/trufflesecurity/trufflehog.git', commit: '3ab759fef4bb5935d4fe9ac68b503d05346b8364' },
};
