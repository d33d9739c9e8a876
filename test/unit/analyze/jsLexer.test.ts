import * as assert from 'node:assert/strict';
import { JsLexer, Kind } from '../../../src/core/analyze/extract/jsLexer';

const names = new Map(Object.entries(Kind).filter(([n]) => !n.startsWith('First') && !n.startsWith('Last')).map(([n, k]) => [k as number, n]));

/** The tokens of `text` as `Kind:text`, re-scanning `/` after `(`, `=` or `,` and a `}` that closes a substitution. */
function lex(text: string): { tokens: string[]; errors: number } {
  let errors = 0;
  const lexer = new JsLexer(text, () => errors++);
  const tokens: string[] = [];
  let prev: number = Kind.Unknown;
  // Open braces and substitutions, innermost last.
  const open: number[] = [];
  for (let k = lexer.scan(); k !== Kind.EndOfFileToken; k = lexer.scan()) {
    if (k === Kind.SlashToken && (prev === Kind.OpenParenToken || prev === Kind.OtherPunctuation || prev === Kind.CommaToken)) k = lexer.reScanSlashToken();
    if (k === Kind.TemplateHead || k === Kind.OpenBraceToken) open.push(k);
    else if (k === Kind.CloseBraceToken && open.pop() === Kind.TemplateHead) {
      k = lexer.reScanTemplateToken();
      if (k === Kind.TemplateMiddle) open.push(Kind.TemplateHead);
    }
    tokens.push(`${names.get(k)}:${text.slice(lexer.getTokenStart(), lexer.getTokenEnd())}`);
    prev = k;
  }
  return { tokens, errors };
}

describe('JsLexer', () => {
  it('skips comments and reads strings with escapes and line continuations whole', () => {
    assert.deepEqual(lex(`#!/usr/bin/env node\n// a { comment\nx = 'it\\'s {'; /* } */ y = "a\\\n b";`).tokens, ['Identifier:x', 'OtherPunctuation:=', "StringLiteral:'it\\'s {'", 'SemicolonToken:;', 'Identifier:y', 'OtherPunctuation:=', 'StringLiteral:"a\\\n b"', 'SemicolonToken:;']);
  });

  it('reads regular expressions, with slashes and brackets in classes, and their flags', () => {
    assert.deepEqual(lex('f(/[/}]+\\/x/gi, a / b)').tokens, ['Identifier:f', 'OpenParenToken:(', 'RegularExpressionLiteral:/[/}]+\\/x/gi', 'CommaToken:,', 'Identifier:a', 'SlashToken:/', 'Identifier:b', 'CloseParenToken:)']);
  });

  it('reads templates and their substitutions, nested', () => {
    assert.deepEqual(lex('t = `a${ {b: `c${d}`}.b }e`;').tokens, ['Identifier:t', 'OtherPunctuation:=', 'TemplateHead:`a${', 'OpenBraceToken:{', 'Identifier:b', 'OtherPunctuation::', 'TemplateHead:`c${', 'Identifier:d', 'TemplateTail:}`', 'CloseBraceToken:}', 'OtherPunctuation:.', 'Identifier:b', 'TemplateTail:}e`', 'SemicolonToken:;']);
  });

  it('knows the keywords that shape statements, and operators that only look like them', () => {
    assert.deepEqual(lex('export default async function f() {}').tokens.map((t) => t.split(':')[0]), ['ExportKeyword', 'DefaultKeyword', 'AsyncKeyword', 'FunctionKeyword', 'Identifier', 'OpenParenToken', 'CloseParenToken', 'OpenBraceToken', 'CloseBraceToken']);
    assert.deepEqual(lex('a << 1 <= b < c => ++d-- !== !e').tokens, ['Identifier:a', 'OtherPunctuation:<<', 'NumericLiteral:1', 'OtherPunctuation:<=', 'Identifier:b', 'LessThanToken:<', 'Identifier:c', 'EqualsGreaterThanToken:=>', 'PlusPlusToken:++', 'Identifier:d', 'MinusMinusToken:--', 'OtherPunctuation:!', 'OtherPunctuation:=', 'OtherPunctuation:=', 'ExclamationToken:!', 'Identifier:e']);
    assert.deepEqual(lex('x = 1.5e3 + .5 + 0x1F_n + #priv + ünïcode + functions').tokens.filter((t) => !t.startsWith('Other')), ['Identifier:x', 'NumericLiteral:1.5e3', 'NumericLiteral:.5', 'NumericLiteral:0x1F_n', 'Identifier:#priv', 'Identifier:ünïcode', 'Identifier:functions']);
  });

  it('reports what it cannot read: unterminated strings, comments, templates, regular expressions', () => {
    for (const text of ['x = "open\n";', '/* open', 'x = `open ${a}', 'f(/open\n)']) assert.ok(lex(text).errors > 0, text);
    assert.equal(lex('x = "closed"; // fine').errors, 0);
  });
});
