import type { ErrorObject } from 'ajv';
import { compiledSchema, validate } from './generated/validate';
import { urlProblem } from './urlFormat';

/** A step into the document: a property name, or an index in an array. */
export type Segment = string | number;

/** One way the document breaks the schema, in our words: where (JSON pointer segments) and why. */
export interface SchemaProblem {
  at: Segment[];
  message: string;
  severity: 'error' | 'warning';
}

type SchemaNode = Record<string, unknown>;
const root = compiledSchema as unknown as SchemaNode;

/**
 * Validates the parsed document with the validator generated from media/rotation-ready.schema.json and says what is
 * wrong as the editor would, but precisely: the schema's own `errorMessage`/`patternErrorMessage` where it has them,
 * else a message per keyword. Several alternatives failing at one place (a string or an object) give the one error
 * of the alternative that fits the value's type. Linear in the number of errors.
 */
export function schemaProblems(data: unknown): SchemaProblem[] {
  if (validate(data)) return [];
  const errors = ((validate as unknown as { errors: ErrorObject[] }).errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  const located = errors.map((e) => ({ e, at: segmentsOf(e, data) }));
  // Places (and their ancestors) with an error other than a type mismatch or a failed set of alternatives: a type
  // mismatch there came from an alternative that does not fit this value.
  const explained = new Set<string>();
  const formatted = new Set<string>();
  for (const { e, at } of located) {
    if (e.keyword === 'format') formatted.add(key(at));
    if (e.keyword === 'type' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    for (let n = at.length; n >= 0; n--) {
      const k = key(at.slice(0, n));
      if (explained.has(k)) break;
      explained.add(k);
    }
  }
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const typesWanted = new Map<string, { at: Segment[]; types: string[]; value: unknown; index: number }>();
  for (const { e, at } of located) {
    const k = key(at);
    const custom = customMessage(e);
    if (!custom && (e.keyword === 'oneOf' || e.keyword === 'anyOf') && explained.has(k)) continue;
    if (e.keyword === 'type' && explained.has(k)) continue;
    // The URL check says exactly what is wrong; the schema's pattern (for the editor) only that something is.
    if (e.keyword === 'pattern' && formatted.has(k) && !('propertyName' in e)) continue;
    const value = valueAt(data, at);
    if (e.keyword === 'type') {
      // All alternatives failed on type: one error naming every type allowed.
      const wanted = typesWanted.get(k);
      const types = ([] as string[]).concat(e.params.type as string | string[]);
      if (wanted) wanted.types.push(...types);
      else {
        typesWanted.set(k, { at, types, value, index: problems.length });
        problems.push({ at, message: '', severity: 'error' });
      }
      continue;
    }
    if (!custom && (e.keyword === 'oneOf' || e.keyword === 'anyOf') && typesWanted.has(k)) continue;
    const problem = toProblem(e, at, value, custom);
    const dedup = `${key(problem.at)}\u0000${problem.message}`;
    if (seen.has(dedup)) continue;
    seen.add(dedup);
    problems.push(problem);
  }
  for (const { types, value, index } of typesWanted.values()) problems[index]!.message = typeMessage([...new Set(types)], value);
  return problems;
}

function toProblem(e: ErrorObject, at: Segment[], value: unknown, custom: string | undefined): SchemaProblem {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    const name = String(p.additionalProperty);
    const known = Object.keys((nodeAt(parentPath(e.schemaPath)).properties as object | undefined) ?? {}).filter((n) => n !== '$schema');
    return { at: [...at, name], message: `unknown property '${name}' (expected one of: ${known.join(', ')})`, severity: 'warning' };
  }
  if (e.keyword === 'required') {
    const name = String(p.missingProperty);
    // An error with no path means the whole document: point at what is missing instead.
    return { at: at.length === 0 ? [name] : at, message: custom ?? `missing '${name}'`, severity: 'error' };
  }
  if (custom) return { at, message: custom, severity: 'error' };
  switch (e.keyword) {
    case 'enum':
      return { at, message: `must be one of ${(p.allowedValues as unknown[]).map(quote).join(', ')}, found ${quote(value)}`, severity: 'error' };
    case 'const':
      return { at, message: `must be ${quote(p.allowedValue)}, found ${quote(value)}`, severity: 'error' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { at, message: `must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${p.limit}, found ${value}`, severity: 'error' };
    case 'maximum':
    case 'exclusiveMaximum':
      return { at, message: `must be ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${p.limit}, found ${value}`, severity: 'error' };
    case 'minItems':
      return { at, message: `list at least ${p.limit} ${p.limit === 1 ? 'item' : 'items'}`, severity: 'error' };
    case 'format':
      return { at, message: (typeof value === 'string' && urlProblem(value)) || `must be a valid ${p.format}`, severity: 'error' };
    case 'pattern':
      return { at, message: `must match ${p.pattern}`, severity: 'error' };
    default:
      return { at, message: `fails the schema's '${e.keyword}'`, severity: 'error' };
  }
}

/**
 * The schema's own words for this error: `patternErrorMessage` beside a failed pattern, or an `errorMessage` on the
 * schema that failed or on an `if`/`then`/`anyOf`/`not` around it (not on a parent object: its message is about the
 * object, not its properties). Type mismatches and unknown properties keep their exact generic message.
 */
function customMessage(e: ErrorObject): string | undefined {
  if (e.keyword === 'type' || e.keyword === 'additionalProperties') return undefined;
  const path = parentPath(e.schemaPath);
  if (e.keyword === 'pattern') {
    const own = nodeAt(path).patternErrorMessage;
    if (typeof own === 'string') return own;
  }
  for (;;) {
    const message = nodeAt(path).errorMessage;
    if (typeof message === 'string') return message;
    const last = path[path.length - 1];
    if (last === 'then' || last === 'else' || last === 'not') path.pop();
    else if (typeof last === 'string' && /^\d+$/.test(last) && /^(anyOf|oneOf|allOf)$/.test(String(path[path.length - 2]))) path.length -= 2;
    else return undefined;
  }
}

function typeMessage(types: string[], value: unknown): string {
  if (types.length === 1 && types[0] === 'integer' && typeof value === 'number') return `must be an integer, found ${value}`;
  const words = types.map((t) => (t === 'boolean' ? 'true or false' : t === 'object' || t === 'array' || t === 'integer' ? `an ${t}` : `a ${t}`));
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words[0];
  return `expected ${list}, found ${describeValue(value)}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const quote = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));
const key = (at: Segment[]) => at.join('\u0000');

/** JSON pointer segments of the error's place, array indices as numbers; a bad property name is its own place. */
function segmentsOf(e: ErrorObject, data: unknown): Segment[] {
  const at: Segment[] = [];
  let here = data;
  if (e.instancePath) {
    for (const raw of e.instancePath.slice(1).split('/')) {
      const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const step: Segment = Array.isArray(here) ? Number(s) : s;
      at.push(step);
      here = here !== null && typeof here === 'object' ? (here as Record<Segment, unknown>)[step] : undefined;
    }
  }
  if (typeof (e as { propertyName?: unknown }).propertyName === 'string') at.push((e as unknown as { propertyName: string }).propertyName);
  return at;
}

function valueAt(data: unknown, at: Segment[]): unknown {
  let here = data;
  for (const s of at) here = here !== null && typeof here === 'object' ? (here as Record<Segment, unknown>)[s] : undefined;
  return here;
}

/** The schema path of the node holding the keyword that failed. */
function parentPath(schemaPath: string): string[] {
  return refPath(schemaPath).slice(0, -1);
}

/** `#/properties/%24schema/type` → ['properties', '$schema', 'type'] (a URI fragment of a JSON pointer). */
function refPath(ref: string): string[] {
  return ref.replace(/^#\/?/, '').split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function nodeAt(path: readonly string[]): SchemaNode {
  let here: unknown = root;
  for (const s of path) here = here !== null && typeof here === 'object' ? (here as SchemaNode)[s] : undefined;
  return here !== null && typeof here === 'object' ? (here as SchemaNode) : {};
}

/** The property names the schema allows in an object, by where that object is in the schema. */
export function schemaProperties(path: string): string[] {
  return Object.keys((nodeAt(refPath(path)).properties as object | undefined) ?? {}).filter((n) => n !== '$schema');
}

/** The schema's `default` of a property, by the path of its schema (e.g. `#/definitions/probe/properties/rounds`). */
export function schemaDefault<T>(path: string): T {
  const value = nodeAt(refPath(path)).default;
  if (value === undefined) throw new Error(`the schema has no default at ${path}`);
  return value as T;
}
