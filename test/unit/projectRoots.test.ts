import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { isInside, nearestProjectRoot, nestedProjectRoots } from '../../src/core/projectRoots';

describe('project roots (multi-root workspaces and monorepos)', () => {
  const ws = join('/', 'work', 'mono');
  const a = join(ws, 'packages', 'a');
  const roots = [ws, a, join('/', 'work', 'billing')];

  it('a file belongs to the deepest root above it', () => {
    assert.equal(nearestProjectRoot(join(a, 'src', 'key.ts'), roots), a);
    assert.equal(nearestProjectRoot(join(ws, 'tools', 'seed.ts'), roots), ws);
    assert.equal(nearestProjectRoot(a, roots), a, 'a root belongs to itself');
    assert.equal(nearestProjectRoot(join('/', 'elsewhere', 'x.ts'), roots), undefined);
  });

  it('a sibling whose name starts like a root is not inside it', () => {
    assert.equal(isInside(join(ws, 'packages', 'a'), join(ws, 'packages', 'ab', 'x.ts')), false);
    assert.equal(nearestProjectRoot(join(ws, 'packages', 'ab', 'x.ts'), roots), ws);
    assert.equal(isInside(ws, join(ws, '..', 'mono-other')), false);
    assert.equal(isInside(ws, join(ws, '..folder', 'x')), true, 'a folder named "..folder" is inside');
  });

  it('lists the roots nested in a root, relative to it, for its scan to skip', () => {
    assert.deepEqual(nestedProjectRoots(ws, roots), ['packages/a']);
    assert.deepEqual(nestedProjectRoots(a, roots), []);
  });
});
