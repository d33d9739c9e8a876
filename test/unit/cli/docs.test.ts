import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../../src/cli/commands/index';

describe('docs/cli.md', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/cli.md'), 'utf8');

  for (const command of commands) {
    it(`documents \`${command.name}\``, () => {
      assert.ok(doc.includes(`## \`${command.name}\``), `no section for ${command.name}`);
      // scan's section is written by hand around its usage; the others are their --help text verbatim.
      if (command.name !== 'scan') assert.ok(doc.includes(command.usage), `${command.name}: docs/cli.md differs from its --help (regenerate the section)`);
    });
  }
});
