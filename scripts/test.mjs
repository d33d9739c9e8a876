// `npm test`: every test of the project, in order, with the time each stage took.
//   node scripts/test.mjs [--only <stage>[,<stage>…]] [--skip <stage>[,…]]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const withKeyring = (command) => ['bash', 'scripts/with-keyring.sh', ...command];
const harness = (mode, seconds = 420) => withKeyring(['npx', 'tsx', 'test/harness/run.ts', '--mode', mode, '--timeout', String(seconds)]);

const stages = [
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'build', command: ['node', 'esbuild.mjs', '--strict'] },
  { name: 'unit', command: ['npx', 'mocha'] },
  { name: 'keychain', command: withKeyring(['npx', 'mocha', '--config', 'test/keychain/.mocharc.json']), needs: 'test/keychain/.mocharc.json' },
  // Then the README's stated size of the package is checked against it (scripts/check-vsix-size.mjs).
  { name: 'package', command: ['bash', '-c', 'npm run --silent package && node scripts/check-vsix-size.mjs'] },
  { name: 'integration', command: harness('dev') },
  { name: 'restricted', command: harness('restricted') },
  { name: 'multiroot', command: harness('multiroot') },
  { name: 'integration-vsix', command: harness('vsix') },
  // The README walk, the workbench walk, then each person-driven part in its own fresh demo (test/ui/person/).
  { name: 'ui', command: harness('ui', 900) },
  // The README's main job, end to end: demo copy, simulator, packaged extension in code-server, then stop.
  { name: 'start-smoke', command: ['node', 'scripts/start.mjs', '--smoke', '--reset'] },
];

const { values } = parseArgs({ options: { only: { type: 'string' }, skip: { type: 'string' } } });
const only = values.only?.split(',');
const skip = values.skip?.split(',') ?? [];
const selected = stages.filter((s) => (!only || only.includes(s.name)) && !skip.includes(s.name));

const timings = [];
let failed;
for (const stage of selected) {
  if (stage.needs && !existsSync(stage.needs)) {
    console.error(`\n✘ ${stage.name}: ${stage.needs} is missing`);
    failed = stage.name;
    break;
  }
  console.log(`\n▶ ${stage.name}: ${stage.command.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(stage.command[0], stage.command.slice(1), { stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  timings.push([stage.name, seconds, result.status === 0]);
  if (result.status !== 0) {
    failed = stage.name;
    break;
  }
}
console.log('\nstage                 seconds  result');
for (const [name, seconds, ok] of timings) console.log(`${name.padEnd(20)} ${seconds.toFixed(1).padStart(8)}  ${ok ? 'ok' : 'FAILED'}`);
if (failed) {
  console.error(`\nnpm test failed at stage '${failed}'`);
  process.exit(1);
}
