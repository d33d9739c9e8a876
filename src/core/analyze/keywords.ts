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
   */
  scan(text: string, tracked: ReadonlySet<string>, located?: ReadonlySet<string>): { found: Set<string>; positions: number[]; ends: Map<string, number[]> } {
    const trackedState = this.statesOf(tracked);
    const locatedState = located ? this.statesOf(located) : trackedState;
    const { table, columns, width, firstAccepting, out, keywords } = this;
    const found = new Set<string>();
    const ends = new Map<string, number[]>();
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
        const marks = trackedState[state]! | (located ? locatedState[state]! << 1 : 0);
        if ((marks & 1) !== 0) positions.push(i + 1);
        if ((marks & 2) !== 0) {
          for (const id of out[state]!) {
            const k = keywords[id]!;
            if (!located!.has(k)) continue;
            const list = ends.get(k);
            if (list) list.push(i + 1);
            else ends.set(k, [i + 1]);
          }
        }
        if (reached[state] !== stamp) {
          reached[state] = stamp;
          for (const id of out[state]!) found.add(keywords[id]!);
        }
      }
    }
    return { found, positions, ends };
  }

  private marked: Array<{ set: ReadonlySet<string>; states: Uint8Array }> = [];
  /** Per automaton state: whether some keyword ending there is in `set` (computed once per set). */
  private statesOf(set: ReadonlySet<string>): Uint8Array {
    let entry = this.marked.find((m) => m.set === set);
    if (!entry) {
      const states = new Uint8Array(this.out.length);
      this.out.forEach((ids, state) => {
        if (ids.some((id) => set.has(this.keywords[id]!))) states[state] = 1;
      });
      entry = { set, states };
      this.marked.push(entry);
      if (this.marked.length > 4) this.marked.shift();
    }
    return entry.states;
  }
}
