/**
 * The prefilter: which rule keywords occur in a text, in one pass (an Aho–Corasick automaton compiled to a
 * DFA over ASCII, case-insensitive). Calling `includes` once per keyword read a 250 KB file ~150 times (9 ms);
 * this reads it once (well under 1 ms).
 *
 * The transition table is one flat typed array indexed by `state + column`, with states numbered in steps of the row
 * width, so the inner loop is two loads per character from tables that fit in cache (an array of per-state rows cost a
 * dependent load more and ran at half the speed on a workspace scan).
 */
/** Char codes the automaton is built over (ASCII); the scan table keeps only the columns keywords use. */
const WIDTH = 128;

export class KeywordSet {
  /** `table[state + columns[c]]` is the next state (a multiple of `width`); characters above 127 use column 0. */
  private readonly table: Uint16Array;
  private readonly columns: Uint8Array;
  private readonly width: number;
  /** Per state number (`state / width`): keyword ids ending there (own and by failure link). */
  private readonly out: number[][];
  /** States from this one on (in steps of `width`) are those where some keyword ends. */
  private readonly firstAccepting: number;
  /** Per state: the number of the last scan that reached it (scans are synchronous, so one array serves them all). */
  private readonly reached: Uint32Array;
  private scans = 0;
  readonly keywords: readonly string[];

  constructor(keywords: Iterable<string>) {
    this.keywords = [...new Set([...keywords].map((k) => k.toLowerCase()))];
    const goto: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    this.keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i) & 127;
        let t = goto[s]!.get(c);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]!.set(c, t);
        }
        s = t;
      }
      out[s]!.push(id);
    });
    // Breadth-first failure links, folded into a full transition table.
    const states = goto.length;
    const next = new Int32Array(states * WIDTH);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < WIDTH; c++) {
      const t = goto[0]!.get(c);
      if (t !== undefined) {
        next[c] = t * WIDTH;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      out[s]!.push(...out[fail[s]!]!);
      for (let c = 0; c < WIDTH; c++) {
        const t = goto[s]!.get(c);
        if (t !== undefined) {
          fail[t] = next[fail[s]! * WIDTH + c]! / WIDTH;
          next[s * WIDTH + c] = t * WIDTH;
          queue.push(t);
        } else {
          next[s * WIDTH + c] = next[fail[s]! * WIDTH + c]!;
        }
      }
    }
    // Case-insensitive by construction: an upper-case letter moves like its lower-case one.
    for (let s = 0; s < next.length; s += WIDTH) for (let c = 65; c <= 90; c++) next[s + c] = next[s + c + 32]!;
    // Renumbered so that the accepting states come last: the loop tells a hit by comparing the state with a number,
    // without a memory load per character. The root (no keyword ends there) stays 0.
    const order = [...Array(states).keys()].sort((a, b) => Number(out[a]!.length > 0) - Number(out[b]!.length > 0) || a - b);
    const renamed = new Int32Array(states);
    order.forEach((old, index) => (renamed[old] = index));
    // Columns only for the characters keywords use (43 of 128; every other character moves like any other): the table
    // shrinks to ~65 KB of 16-bit entries and stays in the processor's cache, which two scan threads share.
    const columns = new Uint8Array(WIDTH);
    let width = 1;
    for (const k of this.keywords) for (let i = 0; i < k.length; i++) if (columns[k.charCodeAt(i) & 127] === 0) columns[k.charCodeAt(i) & 127] = width++;
    for (let c = 65; c <= 90; c++) columns[c] = columns[c + 32]!;
    const column0 = [...Array(WIDTH).keys()].find((c) => columns[c] === 0)!;
    const table = new Uint16Array(states * width);
    for (let old = 0; old < states; old++) {
      for (let c = 0; c < WIDTH; c++) {
        if (columns[c] === 0 && c !== column0) continue;
        table[renamed[old]! * width + columns[c]!] = renamed[next[old * WIDTH + c]! / WIDTH]! * width;
      }
    }
    this.table = table;
    this.columns = columns;
    this.width = width;
    this.out = order.map((old) => out[old]!);
    this.reached = new Uint32Array(states);
    const firstAccepting = order.findIndex((old) => out[old]!.length > 0);
    this.firstAccepting = (firstAccepting < 0 ? states : firstAccepting) * width;
  }

  /**
   * The keywords (lower-case) that occur in `text` and, in the same pass, the end offsets of the `tracked` ones (all
   * in one list) and of the `located` ones (a list per keyword): re-analysis after a keystroke needs the first two,
   * and two whole-text passes were a sixth of its time; provider patterns are tried only where their keywords end.
   * Real code reaches an accepting state every few hundred characters (`key`, `token`, `sk`, `pat`), so what a hit
   * does is worked out per state beforehand (`marksOf`): no set or map lookups per hit.
   */
  scan(text: string, tracked: ReadonlySet<string>, located?: readonly string[]): { found: Set<string>; positions: number[]; ends: Map<string, number[]> } {
    const { marks, slots } = this.marksOf(tracked, located ?? NONE);
    const { table, columns, width, firstAccepting, out, keywords } = this;
    const found = new Set<string>();
    const lists: Array<number[] | undefined> = [];
    // A state's keywords are added the first time the scan reaches it; later visits (most hits) skip the loop.
    const stamp = ++this.scans;
    const reached = this.reached;
    const positions: number[] = [];
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      s = table[s + (c < WIDTH ? columns[c]! : 0)]!;
      if (s >= firstAccepting) {
        const state = (s / width) | 0;
        const mark = marks[state]!;
        if ((mark & TRACKED) !== 0) positions.push(i + 1);
        if ((mark & LOCATED) !== 0) {
          for (const slot of slots[state]!) {
            const list = lists[slot];
            if (list === undefined) lists[slot] = [i + 1];
            else list.push(i + 1);
          }
        }
        if (reached[state] !== stamp) {
          reached[state] = stamp;
          for (const id of out[state]!) found.add(keywords[id]!);
        }
      }
    }
    const ends = new Map<string, number[]>();
    lists.forEach((list, slot) => list && ends.set(located![slot]!, list));
    return { found, positions, ends };
  }

  private marked: { tracked: ReadonlySet<string>; located: readonly string[]; marks: Uint8Array; slots: number[][] } | undefined;
  /**
   * Per automaton state: whether a tracked keyword ends there (TRACKED) and which located keywords do (LOCATED, and
   * their indexes into `located`). Computed once for the sets the analyzer passes on every call.
   */
  private marksOf(tracked: ReadonlySet<string>, located: readonly string[]): { marks: Uint8Array; slots: number[][] } {
    if (this.marked?.tracked !== tracked || this.marked.located !== located) {
      const marks = new Uint8Array(this.out.length);
      const slots: number[][] = [];
      this.out.forEach((ids, state) => {
        const words = ids.map((id) => this.keywords[id]!);
        if (words.some((w) => tracked.has(w))) marks[state]! |= TRACKED;
        slots[state] = located.flatMap((k, slot) => (words.includes(k) ? [slot] : []));
        if (slots[state]!.length > 0) marks[state]! |= LOCATED;
      });
      this.marked = { tracked, located, marks, slots };
    }
    return this.marked;
  }
}

const TRACKED = 1;
const LOCATED = 2;
const NONE: readonly string[] = [];
