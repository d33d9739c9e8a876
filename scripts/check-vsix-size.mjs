// The README's packaging paragraph states the .vsix's file count and size: checked against the package just made,
// so the figure a user reads is never stale (issue 16). Run by the `package` stage of scripts/test.mjs.
//   node scripts/check-vsix-size.mjs [rotation-ready.vsix]
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const vsix = process.argv[2] ?? 'rotation-ready.vsix';
const readme = readFileSync('README.md', 'utf8');
const stated = /(\d+) files, \*\*([\d.]+) MB\*\*\s*\(`rotation-ready\.vsix`/.exec(readme);
if (!stated) {
  console.error('README.md: no "<N> files, **<X> MB** (`rotation-ready.vsix`" in the Packaging section to check');
  process.exit(1);
}
const files = await new Promise((resolve, reject) => {
  // vsce's own zip reader: no extra dependency.
  const here = createRequire(import.meta.url);
  const yauzl = createRequire(here.resolve('@vscode/vsce/package.json'))('yauzl');
  yauzl.open(vsix, { lazyEntries: true }, (error, zip) => {
    if (error) return reject(error);
    let count = 0;
    zip.on('entry', (entry) => {
      if (!entry.fileName.endsWith('/') && entry.fileName.startsWith('extension/')) count++;
      zip.readEntry();
    });
    zip.on('end', () => resolve(count));
    zip.on('error', reject);
    zip.readEntry();
  });
});
const megabytes = statSync(vsix).size / 1e6;
const [statedFiles, statedMegabytes] = [Number(stated[1]), Number(stated[2])];
// Within a tenth: a rule page more or less is no reason to fail, a bundle that doubled is.
const close = (a, b) => Math.abs(a - b) <= Math.max(0.1 * b, 0.15);
console.log(`${vsix}: ${files} files, ${megabytes.toFixed(1)} MB; README.md says ${statedFiles} files, ${statedMegabytes} MB`);
if (!close(files, statedFiles) || !close(megabytes, statedMegabytes)) {
  console.error(`README.md is stale: write "${files} files, **${megabytes.toFixed(1)} MB**" in its Packaging section`);
  process.exit(1);
}
