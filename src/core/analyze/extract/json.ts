import { visit } from 'jsonc-parser';
import { type Candidate, type Extraction, PAIR_LABEL, PAIR_VALUE, pushCandidate, withParent } from '../candidate';

/** Labels an object can give its value fields (`id`, `name`, `key`): more is not a pair object. */
const MAX_LABELS = 4;

/** JSON and JSONC via jsonc-parser's event visitor: tolerant of comments, trailing commas and errors, with exact offsets. */
export function extractJson(text: string): Extraction {
  const out: Candidate[] = [];
  // Name of the property whose value is being read; arrays keep their property's name.
  const stack: string[] = [];
  /**
   * Per open object: the string of its label field (`name`, `key`, `Name`, `ParameterKey`…), which names its value field
   * (`value`, `Value`, `ParameterValue`, `secret`) whichever comes first (Postman, Insomnia, HAR, k8s, CloudFormation);
   * and the candidates of its value fields, named at the object's end.
   */
  const labels: string[][] = [];
  /** Per open container: whether it is a list. */
  const inArray: boolean[] = [];
  const valued: Candidate[][] = [];
  let pending = '';
  let errors = 0;
  // The dotted path of `stack` (Candidate.owner), made once per container entered or left rather than for every string.
  let owner: string | undefined;
  visit(
    text,
    {
      onObjectBegin: () => {
        stack.push(pending);
        owner = undefined;
        inArray.push(false);
        labels.push([]);
        valued.push([]);
        pending = '';
      },
      onObjectEnd: () => {
        stack.pop();
        owner = undefined;
        inArray.pop();
        const label = labels.pop();
        const values = valued.pop();
        // A label that only says "value" or "key" is named by the list the pair sits in, as a field by its owner
        // (Postman's `"apikey": [{"key": "value", "value": "…"}]`).
        const list = inArray[inArray.length - 1] ? stack[stack.length - 1] : undefined;
        if (label?.length && values) for (const c of values) for (const l of label) c.names.push(...withParent(l, list));
        pending = '';
      },
      onArrayBegin: () => {
        // A list in a list keeps the outer list's name (`"keys": [["…", "…"]]`).
        stack.push(pending || (inArray[inArray.length - 1] ? stack[stack.length - 1]! : ''));
        owner = undefined;
        inArray.push(true);
        // An element names nothing below it: the list's name is its strings' name, not its objects' owner.
        pending = '';
      },
      onArrayEnd: () => {
        stack.pop();
        owner = undefined;
        inArray.pop();
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
        if (typeof value !== 'string' || !name) return;
        // `{"key": "herokuApiKey", "value": "…"}`: the sibling names the value.
        const own = labels[labels.length - 1];
        if (member && own && own.length < MAX_LABELS && PAIR_LABEL.test(name)) own.push(value);
        if (length - 2 < 8) return;
        const before = out.length;
        pushCandidate(out, text, offset + 1, length - 2, member ? withParent(name, stack[stack.length - 1] || undefined) : [name], (owner ??= stack.filter(Boolean).join('.')));
        if (member && valued.length && PAIR_VALUE.test(name)) for (let i = before; i < out.length; i++) valued[valued.length - 1]!.push(out[i]!);
      },
      onError: () => {
        errors++;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return { candidates: out, notes: errors > 0 ? ['The JSON has syntax errors; values after them were read as well as the parser could recover.'] : [] };
}
