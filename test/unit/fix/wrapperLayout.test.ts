import * as assert from 'node:assert/strict';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { planWrapperFix } from '../../../src/core/fix/wrapperFix';
import { rand } from './support';

function wrap(text: string, layout?: Parameters<typeof planWrapperFix>[0]['layout']): string {
  const call = singleKeyCallsInText('src/billing.ts', text)[0]!;
  return planWrapperFix({ path: 'src/billing.ts', text, finding: { offset: call.calleeStart }, project: { helperDir: 'src', exists: () => true }, layout }).newText;
}

const longestLine = (text: string) => Math.max(...text.split('\n').map((l) => l.replace(/\t/g, '    ').length));

describe('fix: the wrapper call is laid out as the document is formatted', () => {
  const source = (indent: string) =>
    [
      `const billingApiKey = process.env.BILLING_KEY ?? '${rand(8)}';`,
      'export async function charge(orderId: string): Promise<Response> {',
      `${indent}const res = await fetch(\`https://billing.example.com/v1/charges/\${orderId}\`, {`,
      `${indent}${indent}method: 'POST',`,
      `${indent}${indent}headers: { Authorization: \`Bearer \${billingApiKey}\`, 'Content-Type': 'application/json' },`,
      `${indent}});`,
      `${indent}return res;`,
      '}',
      '',
    ].join('\n');

  it('breaks a call that would pass the print width, one argument a line, with the editor\'s indentation', () => {
    const out = wrap(source('\t'), { indent: '\t', tabSize: 4, printWidth: 100 });
    assert.ok(longestLine(out) <= 100, out);
    assert.match(out, /\tconst res = await withKeyFallback\(\n\t\t\{ service: '[\w-]+', envName: '[A-Z_]+' \},\n\t\t\(key\) => fetch\(`https:\/\/billing\.example\.com\/v1\/charges\/\$\{orderId\}`, \{\n\t\t\tmethod: 'POST',\n/);
    assert.match(out, /\n\t\t\}\),\n\t\);\n\treturn res;/);
  });

  it('keeps the call on one line while it fits (a wider ruler)', () => {
    const short = wrap(source('  '), { indent: '  ', printWidth: 200 });
    assert.match(short, /const res = await withKeyFallback\(\{ service: '[\w-]+', envName: '[A-Z_]+' \}, \(key\) => fetch\(/);
  });

  it('never re-indents the inside of a template literal that spans lines (its value would change)', () => {
    const text = [
      'export async function report(): Promise<Response> {',
      `  return fetch('https://billing.example.com/v1/reports/monthly-summary-for-the-finance-team', {`,
      `    headers: { Authorization: 'Bearer ${rand(24)}' },`,
      '    body: `line one',
      'line two`,',
      '  });',
      '}',
      '',
    ].join('\n');
    const out = wrap(text, { indent: '  ', printWidth: 80 });
    assert.ok(out.includes('body: `line one\nline two`'), out);
  });

  describe('a Headers object the call alone uses: the header is set inside the callback', () => {
    const text = [
      'export async function load(): Promise<Response> {',
      '  const headers = new Headers({ Authorization: `Bearer ${process.env.INVENTORY_SERVICE_API_KEY}` });',
      "  return fetch('https://inventory.example.com/v2/items', { headers });",
      '}',
      '',
    ].join('\n');

    it('breaks the callback\'s first line when it would pass the print width', () => {
      const out = wrap(text, { indent: '  ', printWidth: 80 });
      assert.ok(longestLine(out) <= 80, out);
      assert.match(out, /  return withKeyFallback\(\n    \{ service: '[\w-]+', envName: 'INVENTORY_SERVICE_API_KEY' \},\n    \(key\) => \{\n      headers\.set\('Authorization', `Bearer \$\{key\}`\);\n      return fetch\(/);
      assert.match(out, /\n    \},\n  \);\n\}/);
    });

    it('keeps it on one line while it fits, and leaves an empty object where the only header was', () => {
      const out = wrap(text, { indent: '  ', printWidth: 200 });
      assert.match(out, /  return withKeyFallback\(\{ service: '[\w-]+', envName: 'INVENTORY_SERVICE_API_KEY' \}, \(key\) => \{\n    headers\.set\(/);
      assert.ok(out.includes('const headers = new Headers({});'), out);
    });
  });
});
