import { visit } from 'jsonc-parser';
import { type Candidate, type Extraction, pushCandidate, withParent } from '../candidate';

/** JSON and JSONC via jsonc-parser's event visitor: tolerant of comments, trailing commas and errors, with exact offsets. */
export function extractJson(text: string): Extraction {
  const out: Candidate[] = [];
  // Name of the property whose value is being read; arrays keep their property's name.
  const stack: string[] = [];
  /** Per open object: the string of its `key` or `name` property, which names its `value` (Postman environments, k8s env). */
  const labels: string[] = [];
  let pending = '';
  let errors = 0;
  visit(
    text,
    {
      onObjectBegin: () => {
        stack.push(pending);
        labels.push('');
        pending = '';
      },
      onObjectEnd: () => {
        stack.pop();
        labels.pop();
        pending = '';
      },
      onArrayBegin: () => {
        stack.push(pending);
      },
      onArrayEnd: () => {
        stack.pop();
        pending = '';
      },
      onObjectProperty: (property) => {
        pending = property;
      },
      onLiteralValue: (value, offset, length) => {
        // A member's object names it too (`"encryption": {"key": "…"}`).
        const member = pending !== '';
        const name = pending || stack[stack.length - 1] || '';
        pending = '';
        // `{"key": "herokuApiKey", "value": "…"}`: the sibling names the value.
        if (typeof value === 'string' && (name === 'key' || name === 'name') && labels.length) labels[labels.length - 1] = value;
        const label = name === 'value' ? labels[labels.length - 1] : '';
        if (typeof value === 'string' && length - 2 >= 8 && name) pushCandidate(out, text, offset + 1, length - 2, label ? [name, label] : member ? withParent(name, stack[stack.length - 1] || undefined) : [name], stack.filter(Boolean).join('.'));
      },
      onError: () => {
        errors++;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return { candidates: out, notes: errors > 0 ? ['The JSON has syntax errors; values after them were read as well as the parser could recover.'] : [] };
}
