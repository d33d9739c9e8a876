import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../analyze/index';
import { singleKeyCallsInText } from '../calls/index';
import type { Finding } from '../findings';
import { readUnlessSymlink } from '../confine';
import { redact } from '../redact';
import type { SecuredPlan } from './applyFix';
import { parseDotenv } from './dotenv';
import { planEnvFix } from './envFix';
import { sha256 } from './hash';
import type { ProjectInfo } from './moduleStyle';
import { NewFile, UnsupportedFixError } from './types';
import { planWrapperFix } from './wrapperFix';

/**
 * Whole-file planning shared by the CLI's `fix` and the editor's "fix all": every fix of one kind in a
 * file, each planned on the text the previous one produced, so they compose into one final text.
 */

/** One file's fixes: each plan applies to the text the previous one produced. */
export interface FilePlan {
  rel: string;
  original: string;
  steps: Array<{ input: string; plan: SecuredPlan; redactions: Array<[string, string]> }>;
  final: string;
  unfixed: string[];
  /** Findings of the kind being fixed still in `final`: the unfixed ones, and any a fix left (exit 1 in the CLI). */
  remaining: number;
}

/** Where generated helpers go and how JS modules look in the project at `root`. */
export function projectInfo(root: string, created: Map<string, NewFile>): ProjectInfo {
  let packageType: 'module' | 'commonjs' | undefined;
  try {
    const type = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { type?: string }).type;
    packageType = type === 'module' ? 'module' : 'commonjs';
  } catch {
    packageType = undefined;
  }
  // One helper per project: in src/ when the project has one, else at the root.
  const info: ProjectInfo = { helperDir: existsSync(join(root, 'src')) ? 'src' : '.', exists: (path) => created.has(path) || existsSync(join(root, path)) };
  if (packageType) info.packageType = packageType;
  return info;
}

/** The hardcoded secrets that `fix` moves out of a file (informational findings, e.g. publishable keys, stay). */
export function envFixFindings(rel: string, text: string, rule: string | undefined, salt: string): Finding[] {
  return analyzeText(rel, text, { salt, ...(rule ? { ruleIds: [rule] } : {}) }).findings.filter((f: Finding) => f.kind === 'hardcoded-secret' && f.severity !== 'info');
}

export function planFileEnv(rel: string, original: string, rule: string | undefined, salt: string, project: ProjectInfo, names: Map<string, string>): FilePlan {
  const plan: FilePlan = { rel, original, steps: [], final: original, unfixed: [], remaining: 0 };
  // Occurrences that could not be fixed stay in the text, ahead of the others with their fingerprint (the same value
  // in the same file): per fingerprint, how many of the first occurrences to pass over. A fingerprint alone fixed
  // one occurrence of a value repeated in a file and passed over the rest.
  const failed = new Map<string, number>();
  let text = original;
  let left: Finding[] | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const seen = new Map<string, number>();
    left = envFixFindings(rel, text, rule, salt);
    const finding = left.find((f) => {
      const index = seen.get(f.fingerprint) ?? 0;
      seen.set(f.fingerprint, index + 1);
      return index >= (failed.get(f.fingerprint) ?? 0);
    });
    if (!finding) break;
    left = undefined;
    const value = text.slice(finding.offset, finding.offset + finding.length);
    const hash = sha256(value);
    const taken = [...names].filter(([, h]) => h !== hash).map(([n]) => n);
    try {
      const envPlan = planEnvFix({ path: rel, text, finding, existingEnvNames: taken, project });
      names.set(envPlan.envName, hash);
      plan.steps.push({ input: text, plan: { ...envPlan, secrets: [envPlan.secret] }, redactions: [[value, finding.redacted]] });
      text = envPlan.newText;
    } catch (error) {
      if (!(error instanceof UnsupportedFixError)) throw error;
      failed.set(finding.fingerprint, (failed.get(finding.fingerprint) ?? 0) + 1);
      plan.unfixed.push(`${finding.ruleId} at line ${finding.range.start.line + 1}: ${error.message}`);
    }
  }
  plan.final = text;
  // The last analysis saw the final text, unless the loop stopped at its guard.
  plan.remaining = (left ?? envFixFindings(rel, text, rule, salt)).length;
  return plan;
}

export function planFileWrappers(rel: string, original: string, project: ProjectInfo): FilePlan {
  const plan: FilePlan = { rel, original, steps: [], final: original, unfixed: [], remaining: 0 };
  let text = original;
  const skipped = new Set<number>();
  let left: ReturnType<typeof singleKeyCallsInText> | undefined;
  for (let guard = 0; guard < 100; guard++) {
    left = singleKeyCallsInText(rel, text);
    const call = left.filter((c) => !skipped.has(c.calleeStart))[0];
    if (!call) break;
    left = undefined;
    try {
      const wrapperPlan = planWrapperFix({ path: rel, text, finding: { offset: call.calleeStart }, project });
      const redactions = wrapperPlan.secrets.map((s) => [text.slice(s.offset, s.offset + s.length), redact(text.slice(s.offset, s.offset + s.length), call.provider)] as [string, string]);
      plan.steps.push({ input: text, plan: wrapperPlan, redactions });
      text = wrapperPlan.newText;
    } catch (error) {
      if (!(error instanceof UnsupportedFixError)) throw error;
      // Later calls shift when nothing is rewritten; their offsets stay valid.
      skipped.add(call.calleeStart);
      plan.unfixed.push(`${call.callee}: ${error.message}`);
    }
  }
  plan.final = text;
  plan.remaining = (left ?? singleKeyCallsInText(rel, text)).length;
  return plan;
}


/** Names → hash of the value they hold in the project's `.env`, so a fix never reuses a name for another value. */
export function dotenvNames(root: string): Map<string, string> {
  const text = readUnlessSymlink(join(root, '.env'));
  const dotenv = text !== undefined ? parseDotenv(text) : new Map<string, string>();
  return new Map([...dotenv].map(([name, value]) => [name, sha256(value)]));
}
