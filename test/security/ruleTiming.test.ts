import * as assert from 'node:assert/strict';
import { fill, growthFailure, linearFailure, plainText, timeOf } from './ruleTiming';

/** The linear-time judge itself: it must pass a linear pass and catch a quadratic one, re-measuring or not. */
describe('security: the linear-time judge (ruleTiming.linearFailure)', function () {
  this.timeout(300_000);
  const plain = plainText();
  const plainMs = timeOf(() => void plain.split(/\s+/).length, 3);
  const build = (size: number) => fill('key=', 'ab,', size);

  it('passes a pass over the text that is linear', () => {
    const linear = (text: string) => void text.split(',').length;
    assert.equal(linearFailure('split', build, linear, plainMs, 10, 50), undefined);
  });

  it('reports a pass that reads the rest of the text from every separator (quadratic)', () => {
    const quadratic = (text: string) => {
      for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) if (text.indexOf('\u0000', at) >= 0) return;
    };
    const failure = linearFailure('rescan', build, quadratic, plainMs, 10, 50);
    assert.ok(failure, 'a quadratic pass is reported');
  });
});

describe('security: the growth judge (ruleTiming.growthFailure)', function () {
  this.timeout(300_000);
  const build = (size: number) => fill('key=', 'ab,', size);

  it('passes a linear pass', () => {
    assert.equal(growthFailure(build, (text) => text.split(',').length, 0), undefined);
  });

  it('reports a pass that searches back to the start from every separator (quadratic), even with the noise floor', () => {
    // Every 256th separator looks back over the whole text before it: 1 MiB takes about half a second, 16× a quarter's time.
    const quadratic = (text: string) => {
      let seen = 0;
      for (let at = text.indexOf(','), n = 0; at >= 0; at = text.indexOf(',', at + 1), n++) if (n % 256 === 0) seen += text.lastIndexOf('\u0000', at);
      return seen;
    };
    assert.match(growthFailure(build, quadratic) ?? '', /not linear/);
  });
});
