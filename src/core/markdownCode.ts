/**
 * `text` as a Markdown code span that nothing in it can close: the fence is one backtick longer than
 * the longest run of backticks inside, padded with a space when the text starts or ends with one
 * (CommonMark 6.1), and line breaks and other control characters become spaces so the span stays on
 * its line. For values a repository's config chooses (probe URLs, variable names) shown in tooltips.
 */
export function markdownCode(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
