/**
 * `npm run bench:peers`: scores the analyzer on other projects' own test data (gitleaks, secretlint, detect-secrets,
 * trufflehog), read from local git copies pinned by commit (never copied into this repository; see
 * bench/peers/README.md). Writes bench/.cache/results/peers.json; `npm run bench:report` puts it in RESULTS.md.
 *
 *   tsx bench/peers.ts --gitleaks DIR --secretlint DIR --detect-secrets DIR --trufflehog DIR [--write] [--show fp|tp]
 *
 * Each DIR is a clone or a bare mirror holding the pinned commit (PEER_SUITES in bench/config.mjs). A suite whose
 * DIR is not given is skipped and said so. With --write, the peers section of bench/RESULTS.md is replaced in place
 * (the rest of the file is kept). `--show fp` prints each false-positive sample we flag (with the rules that fired),
 * `--show tp` each true positive we miss: the peers' own test strings, to judge a rule or a dispute by.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, PEER_SUITES, RESULTS_DIR } from './config.mjs';
import { analyzeText } from '../src/core/analyze/index';
import { analyzeBytes } from '../src/core/analyze/read';
import { rules } from '../src/core/rules/index';
import { readDetectSecrets } from './peers/detectSecrets';
import { readGitleaks } from './peers/gitleaks';
import { renderPeers, PEERS_BEGIN, PEERS_END, type PeersResult, type RuleScore } from './peers/report';
import { readSecretlint } from './peers/secretlint';
import { readTrufflehog } from './peers/trufflehog';
import { GitTree, type PeerCase, type SuiteRead } from './peers/types';
import { providerOf } from './peers/providers';
import { disputeOf } from './peers/disputed';

const readers: Record<string, (tree: GitTree) => SuiteRead> = {
  gitleaks: readGitleaks,
  secretlint: readSecretlint,
  'detect-secrets': readDetectSecrets,
  trufflehog: readTrufflehog,
};

const args = process.argv.slice(2);
const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
const dirOf = (suite: string): string | undefined => {
  const i = args.indexOf(`--${suite}`);
  return i >= 0 ? args[i + 1] : process.env[`PEER_${suite.replace(/-/g, '_').toUpperCase()}`];
};

const result: PeersResult = { suites: [], skipped: [] };
for (const [suite, read] of Object.entries(readers)) {
  const pin = (PEER_SUITES as Record<string, { repo: string; commit: string }>)[suite]!;
  const dir = dirOf(suite);
  if (!dir) {
    result.skipped.push(`${suite}: no local copy given (--${suite} DIR)`);
    continue;
  }
  const started = Date.now();
  const { cases, notes } = read(new GitTree(dir, pin.commit));
  const scores = score(cases);
  result.suites.push({ suite, repo: pin.repo, commit: pin.commit, cases: cases.length, notes, rules: scores, seconds: (Date.now() - started) / 1000 });
  const tp = scores.reduce((a, r) => a + r.tp, 0);
  const fp = scores.reduce((a, r) => a + r.fp, 0);
  console.log(`${suite}: ${cases.length} samples (${tp} TP, ${fp} FP) from ${scores.length} peer rules in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'peers.json'), JSON.stringify(result, null, 2) + '\n');
const section = renderPeers(result).join('\n');
if (args.includes('--write')) {
  const path = join(BENCH, 'RESULTS.md');
  const old = readFileSync(path, 'utf8');
  const begin = old.indexOf(PEERS_BEGIN);
  const end = old.indexOf(PEERS_END);
  const next = begin >= 0 && end > begin ? old.slice(0, begin) + section + old.slice(end + PEERS_END.length) : old.replace(/\n## What we flag in the real world/, `\n${section}\n\n## What we flag in the real world`);
  writeFileSync(path, next);
  console.log(`peers section written to ${path}`);
} else console.log(section);

/** Every case analyzed as a file of its type; per peer rule: how many TPs we flag, how many FPs we flag. */
function score(cases: PeerCase[]): RuleScore[] {
  const byRule = new Map<string, RuleScore>();
  const ourProviders = new Set(rules.filter((r) => !r.heuristic).map((r) => r.provider));
  const heuristic = new Set(rules.filter((r) => r.heuristic).map((r) => r.id));
  for (const c of cases) {
    let s = byRule.get(c.peerRule);
    if (!s) {
      const provider = providerOf(c.peerRule, ourProviders);
      s = { peerRule: c.peerRule, provider, tp: 0, tpFound: 0, tpByProviderRule: 0, fp: 0, fpFlagged: 0, fpByProviderRule: 0, missedSamples: 0, ourRules: {} };
      byRule.set(c.peerRule, s);
    }
    const path = `peer-samples/${c.fileName ?? `sample.${c.ext}`}`;
    const { findings } = c.bytes ? analyzeBytes(path, c.bytes, { salt: 'peers-bench' }) : analyzeText(path, c.text, { salt: 'peers-bench' });
    // An alarm: info findings (publishable keys) are not flags.
    const flags = findings.filter((f) => f.severity !== 'info' && f.severity !== 'hint' && (!c.range || (f.offset < c.range[1] && f.offset + f.length > c.range[0])));
    const dispute = disputeOf(c);
    if (dispute) {
      const d = ((s.disputed ??= {})[dispute.reason] ??= { expect: c.expect, samples: 0, flagged: 0 });
      d.samples++;
      if (flags.length) d.flagged++;
      continue;
    }
    for (const f of flags) s.ourRules[f.ruleId] = (s.ourRules[f.ruleId] ?? 0) + 1;
    if ((show === 'fp' && c.expect === 'fp' && flags.length) || (show === 'tp' && c.expect === 'tp' && !flags.length)) {
      const what = c.expect === 'fp' ? flags.map((f) => `${f.ruleId} ${JSON.stringify(c.text.slice(f.offset, f.offset + f.length))}`) : [JSON.stringify(c.text.slice(0, 300))];
      console.log(`${c.suite} ${c.peerRule} ${c.expect}: ${what.join('; ')}`);
    }
    const byProvider = flags.some((f) => !heuristic.has(f.ruleId));
    if (c.expect === 'tp') {
      s.tp++;
      if (flags.length) s.tpFound++;
      else s.missedSamples++;
      if (byProvider) s.tpByProviderRule++;
    } else {
      s.fp++;
      if (flags.length) s.fpFlagged++;
      if (byProvider) s.fpByProviderRule++;
    }
  }
  return [...byRule.values()].sort((a, b) => a.peerRule.localeCompare(b.peerRule));
}
