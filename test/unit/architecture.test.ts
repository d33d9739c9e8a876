import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * The layers of src/core, lowest first. A unit (a folder of src/core, or a file directly in it) imports only units of
 * its own layer or of lower ones, and no units import each other in a cycle, so each layer can be read, tested and
 * changed knowing only the ones below it. docs/ARCHITECTURE.md ("Layers of src/core") shows this same list.
 */
const CORE_LAYERS: ReadonlyArray<{ name: string; units: readonly string[] }> = [
  { name: 'foundation', units: ['vocabulary', 'net', 'findings', 'redact', 'printable', 'atomicWrite', 'confine', 'markdownCode', 'projectRoots', 'pythonStrings', 'pkcs12'] },
  { name: 'detection', units: ['rules', 'baseline', 'calls', 'analyze', 'guard', 'history'] },
  { name: 'configuration', units: ['config', 'envfile'] },
  { name: 'keys', units: ['keychain', 'rotation'] },
  { name: 'actions', units: ['fix', 'probe', 'report'] },
  { name: 'operations', units: ['alerts', 'metrics', 'monitor', 'fingerprints'] },
  { name: 'workflows', units: ['workflows'] },
];

/** The programs under src/ and the folders of src/ each may import (besides itself); none of them imports `vscode` but the extension. */
const PROGRAMS: Record<string, { imports: readonly string[]; vscode: boolean }> = {
  shared: { imports: [], vscode: false },
  core: { imports: [], vscode: false },
  simulator: { imports: ['core'], vscode: false },
  server: { imports: ['core', 'shared'], vscode: false },
  cli: { imports: ['core', 'simulator'], vscode: false },
  extension: { imports: ['core', 'shared'], vscode: true },
};

const SRC = resolve(__dirname, '../../src');
const CORE = join(SRC, 'core');

interface Import {
  /** The importing file, relative to the repository. */
  from: string;
  specifier: string;
  /** The imported file when the specifier is relative. */
  target?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The file a relative specifier names, as the bundler resolves it (`./x` → x.ts, x.tsx, x/index.ts), else the path it spells. */
function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? base;
}

/** Every import, `export … from`, `import()` and `require()` of every source file under src/, from the compiler's own reading. */
function importsOf(files: readonly string[]): Import[] {
  return files.flatMap((file) =>
    ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName: specifier }) => ({
      from: relative(resolve(SRC, '..'), file),
      specifier,
      target: specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined,
    })),
  );
}

/** The program folder under src/ a file belongs to. */
function programOf(file: string): string | undefined {
  const rel = relative(SRC, file);
  return rel.startsWith('..') ? undefined : rel.split(sep)[0];
}

/** The unit of src/core a file belongs to: its folder there, or the file itself (without extension) when it sits in src/core. */
function coreUnitOf(file: string): string | undefined {
  const rel = relative(CORE, file);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : parts[0]!.replace(/\.tsx?$/, '');
}

const files = sourceFiles(SRC);
const imports = importsOf(files);
const coreImports = imports.filter((i) => coreUnitOf(resolve(SRC, '..', i.from)) !== undefined);

/** Unit → unit edges of src/core, each with the first import that makes it. */
function coreEdges(): Map<string, Map<string, Import>> {
  const edges = new Map<string, Map<string, Import>>();
  for (const i of coreImports) {
    const from = coreUnitOf(resolve(SRC, '..', i.from))!;
    const to = i.target && coreUnitOf(i.target);
    if (!to || to === from) continue;
    const out = edges.get(from) ?? new Map<string, Import>();
    if (!out.has(to)) out.set(to, i);
    edges.set(from, out);
  }
  return edges;
}

/** Strongly connected components with more than one unit (Tarjan): the import cycles between units. */
function cycles(edges: Map<string, Map<string, Import>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (unit: string): void => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    onStack.add(unit);
    for (const next of edges.get(unit)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(unit, Math.min(low.get(unit)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(next)!));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== unit);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const unit of [...edges.keys()].sort()) if (!index.has(unit)) visit(unit);
  return found;
}

const describeImport = (i: Import): string => `${i.from} imports '${i.specifier}'`;

describe('architecture', () => {
  it('only the extension imports vscode: core, the language server, the CLI, the simulator and shared types run on plain Node', () => {
    const offenders = imports.filter((i) => i.specifier === 'vscode' && !PROGRAMS[programOf(resolve(SRC, '..', i.from))!]?.vscode).map(describeImport);
    assert.deepEqual(offenders, []);
  });

  it('each program under src/ imports only the folders it builds on', () => {
    const offenders = imports.flatMap((i) => {
      const from = programOf(resolve(SRC, '..', i.from))!;
      const to = i.target && programOf(i.target);
      const allowed = PROGRAMS[from];
      if (!allowed) return [`src/${from} is not in PROGRAMS (test/unit/architecture.test.ts): say what it may import`];
      return to && to !== from && !allowed.imports.includes(to) ? [`${describeImport(i)}: src/${from} may import only ${allowed.imports.join(', ') || 'itself'}`] : [];
    });
    assert.deepEqual([...new Set(offenders)], []);
  });

  it('every unit of src/core is in exactly one layer, and every listed unit exists', () => {
    const listed = CORE_LAYERS.flatMap((layer) => layer.units);
    const actual = [...new Set(files.map(coreUnitOf).filter((unit): unit is string => unit !== undefined))].sort();
    assert.deepEqual(
      actual.filter((unit) => !listed.includes(unit)),
      [],
      'units of src/core in no layer: add them to CORE_LAYERS and to docs/ARCHITECTURE.md',
    );
    assert.deepEqual(
      listed.filter((unit) => !actual.includes(unit)),
      [],
      'CORE_LAYERS lists units that do not exist',
    );
    assert.deepEqual(
      listed.filter((unit, i) => listed.indexOf(unit) !== i),
      [],
      'units listed twice',
    );
  });

  it('no import cycles between the units of src/core', () => {
    const edges = coreEdges();
    // One line per cycle found: the units that import each other both ways first, then every import inside the cycle.
    const found = cycles(edges).flatMap((component) => {
      const inside = component.flatMap((from) => component.filter((to) => edges.get(from)?.has(to)).map((to) => [from, to] as const));
      const mutual = inside.filter(([from, to]) => from < to && edges.get(to)?.has(from)).map(([from, to]) => `${from} ↔ ${to}`);
      return [
        `cycle between ${component.join(', ')}${mutual.length ? ` (importing each other: ${mutual.join(', ')})` : ''}`,
        ...inside.map(([from, to]) => `  ${from} → ${to}: ${describeImport(edges.get(from)!.get(to)!)}`),
      ];
    });
    assert.deepEqual(found, []);
  });

  it('a unit of src/core imports only its own layer and the layers below', () => {
    const layerOf = new Map(CORE_LAYERS.flatMap((layer, level) => layer.units.map((unit) => [unit, { level, name: layer.name }] as const)));
    const offenders: string[] = [];
    for (const [from, out] of coreEdges()) {
      for (const [to, i] of out) {
        const a = layerOf.get(from);
        const b = layerOf.get(to);
        if (a && b && b.level > a.level) offenders.push(`${from} (${a.name}) → ${to} (${b.name}): ${describeImport(i)}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('docs/ARCHITECTURE.md shows the same layers', () => {
    const doc = readFileSync(resolve(SRC, '../docs/ARCHITECTURE.md'), 'utf8');
    const section = /^## Layers of src\/core\n[\s\S]*?^```\n([\s\S]*?)^```/m.exec(doc);
    assert.ok(section, 'docs/ARCHITECTURE.md has a "## Layers of src/core" section with a diagram');
    // The diagram draws the highest layer first: `<layer>  <unit> <unit> …` on each line that starts with a layer name.
    const names = new Set(CORE_LAYERS.map((layer) => layer.name));
    const drawn = section[1]!
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([name]) => name !== undefined && names.has(name))
      .map(([name, ...units]) => ({ name: name!, units: units.sort() }))
      .reverse();
    assert.deepEqual(
      drawn,
      CORE_LAYERS.map((layer) => ({ name: layer.name, units: [...layer.units].sort() })),
    );
  });
});
