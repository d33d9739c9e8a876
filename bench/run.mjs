#!/usr/bin/env node
// `npm run bench`: every part in order, in one run, so peers are measured beside us on the same machine state.
//   node bench/run.mjs [--skip-setup] [--skip-eslint]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH, ROOT } from './config.mjs';

const args = process.argv.slice(2);
const step = (title, cmd, cmdArgs) => {
  console.log(`\n== ${title}`);
  execFileSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });
};
if (!args.includes('--skip-setup')) {
  step('setup (pinned peers, Node 22, real-world packages)', process.execPath, [join(BENCH, 'setup.mjs')]);
  step('real-world corpus', process.execPath, [join(BENCH, 'realworld.mjs')]);
}
step('build', process.execPath, [join(ROOT, 'esbuild.mjs')]);
step('labeled corpus', 'npx', ['tsx', join(BENCH, 'labeled/generate.ts')]);
step('1. quality', 'npx', ['tsx', join(BENCH, 'quality.ts')]);
step('2. real-world false positives', 'npx', ['tsx', join(BENCH, 'falsePositives.ts'), ...(args.includes('--skip-eslint') ? ['--skip-eslint'] : [])]);
step('3. speed', 'npx', ['tsx', join(BENCH, 'speed.ts')]);
step('5. independent yardstick (written blind)', 'npx', ['tsx', join(BENCH, 'independent/run.ts')]);
step('6. held-out yardstick (a second blind hand)', 'npx', ['tsx', join(BENCH, 'holdout/run.ts')]);
step('7. third blind yardstick (a development set now)', 'npx', ['tsx', join(BENCH, 'holdout2/run.ts'), '--seeds', '5']);
step('8. fourth blind yardstick (a development set now)', 'npx', ['tsx', join(BENCH, 'holdout3/run.ts'), '--seeds', '6']);
step('9. fifth blind yardstick (a development set now)', 'npx', ['tsx', join(BENCH, 'holdout4/run.ts'), '--seeds', '6']);
step('10. sixth blind yardstick (a development set now)', 'npx', ['tsx', join(BENCH, 'holdout5/run.ts'), '--seeds', '6']);
step('11. held-out yardstick (a seventh blind hand)', 'npx', ['tsx', join(BENCH, 'holdout6/run.ts'), '--seeds', '6']);
// Peers' own test data, when their local copies are given (bench/peers/README.md): PEER_GITLEAKS=DIR and the like.
if (['GITLEAKS', 'SECRETLINT', 'DETECT_SECRETS', 'TRUFFLEHOG'].some((k) => process.env[`PEER_${k}`])) step('4. peers\' test data', 'npx', ['tsx', join(BENCH, 'peers.ts')]);
step('report', 'npx', ['tsx', join(BENCH, 'report.ts')]);
