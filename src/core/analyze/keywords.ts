/**
 * The prefilter: which rule keywords occur in a text, in one pass (an Aho–Corasick automaton compiled to a
 * DFA over ASCII, case-insensitive): the text is read once, not once per keyword.
 *
 * The pass runs in WebAssembly over the text's UTF-8 bytes, a chunk at a time (keywords.wat): the transition table is
 * one flat array indexed by `state + column`, with states numbered by their row's offset, so a byte costs three loads;
 * the loop reads four parts of a chunk at once, and hits come back as offsets in the text's UTF-16 units (outside
 * ASCII, counted after the pass with SIMD). Why WebAssembly, and its speed against the loop in JavaScript:
 * bench/NOTES.md.
 */
import { isAscii } from 'node:buffer';
import { keywordsWasm } from './keywordsWasm';

/** Char codes the automaton is built over (ASCII); the scan table keeps only the columns keywords use. */
const WIDTH = 128;
/** Bytes the automaton reads per call: its memory holds one chunk, a hit per byte of it, and the table. */
const CHUNK = 64 * 1024;
/** Chunks shorter than this are read as one stream (each of the four needs a warm-up of the longest keyword). */
const MIN_FOUR_STREAMS = 1024;
// Fixed places in the automaton's memory (keywords.wat): columns, UTF-16 units per byte, then the table.
const COLUMNS = 0;
const UNITS = 256;
const TABLE = 512;

/** The WebAssembly API used here: Node has it, and TypeScript declares it only with the DOM's types. */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

let wasmModule: object | undefined;
/** Compiled once per thread; each KeywordSet has its own instance (its own table in its own memory). */
const automatonModule = (): object => (wasmModule ??= new WebAssembly.Module(Buffer.from(keywordsWasm, 'base64')));

interface AutomatonExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  // What `run` and `toUnits` leave behind (WebAssembly globals).
  state: { value: number };
  units: { value: number };
  position: { value: number };
  step(at: number, end: number, state: number): number;
  run(at: number, end: number, state: number, units: number, out: number, first: number): number;
  run4(at: number, len: number, s0: number, s1: number, s2: number, s3: number, out0: number, out1: number, out2: number, out3: number, first: number, results: number): void;
  count(at: number, end: number): number;
  toUnits(hits: number, hitsEnd: number, at: number, units: number): number;
}

export class KeywordSet {
  private readonly automaton: AutomatonExports;
  private readonly memory: Uint8Array;
  private readonly words: Int32Array;
  /** Bytes per table row: a state's number times this is how the automaton names it. */
  private readonly stride: number;
  /** States from this one on (as the automaton names them) are those where some keyword ends. */
  private readonly first: number;
  /** The longest keyword: a stream that starts inside a text reads this many bytes before its part to know its state. */
  private readonly warmUp: number;
  // Where the results of `run4`, the four hit lists and the input chunk live in the automaton's memory.
  private readonly results: number;
  private readonly hitLists: readonly number[];
  private readonly input: number;
  /** Per state number: keyword ids ending there (own and by failure link). */
  private readonly out: number[][];
  /** Per state: the number of the last scan that reached it (scans are synchronous, so one array serves them all). */
  private readonly reached: Uint32Array;
  private scans = 0;
  readonly keywords: readonly string[];

  constructor(keywords: Iterable<string>) {
    this.keywords = [...new Set([...keywords].map((k) => k.toLowerCase()))];
    // Columns only for the characters keywords use (43 of 128; every other byte, non-ASCII ones too, moves like any
    // other, in column 0): the table shrinks to ~130 KB and stays in the processor's cache, which two scan threads
    // share. Case-insensitive by construction: an upper-case letter has its lower-case one's column.
    const columns = new Uint8Array(WIDTH);
    let width = 1;
    for (const k of this.keywords) for (let i = 0; i < k.length; i++) if (columns[k.charCodeAt(i) & 127] === 0) columns[k.charCodeAt(i) & 127] = width++;
    for (let c = 65; c <= 90; c++) columns[c] = columns[c + 32]!;
    // The trie, by column, written straight into the transition table (0: no child; the root is no one's child), then
    // breadth-first failure links fill the missing cells. Typed arrays, not a map per state: this runs once per thread
    // at start-up, before V8 has optimized it (a map per state cost ~30 ms of each thread's start).
    let states = 1;
    const capacity = 1 + this.keywords.reduce((sum, k) => sum + k.length, 0);
    const trie = new Int32Array(capacity * width);
    const trieOut: number[][] = [[]];
    this.keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const cell = s * width + columns[k.charCodeAt(i) & 127]!;
        if (trie[cell] === 0) {
          trie[cell] = states++;
          trieOut.push([]);
        }
        s = trie[cell]!;
      }
      trieOut[s]!.push(id);
    });
    const out = trieOut;
    const next = trie.subarray(0, states * width);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let column = 1; column < width; column++) if (next[column] !== 0) queue.push(next[column]!);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      out[s]!.push(...out[fail[s]!]!);
      const row = s * width;
      const failRow = fail[s]! * width;
      for (let column = 0; column < width; column++) {
        const t = next[row + column]!;
        if (t !== 0) {
          fail[t] = next[failRow + column]!;
          queue.push(t);
        } else {
          next[row + column] = next[failRow + column]!;
        }
      }
    }
    // Renumbered so that the accepting states come last: the loop tells a hit by comparing the state with a number,
    // without a memory load per character. The root (no keyword ends there) stays 0.
    const order = [...Array(states).keys()].sort((a, b) => Number(out[a]!.length > 0) - Number(out[b]!.length > 0) || a - b);
    const renamed = new Int32Array(states);
    order.forEach((old, index) => (renamed[old] = index));
    const stride = width * 4;

    const tableBytes = states * stride;
    this.results = TABLE + tableBytes;
    // A hit per byte at most: list k holds part k's hits (a quarter of a chunk), the last one also the chunk's tail;
    // a chunk read as one stream writes across them from the first.
    const listBytes = (CHUNK / 4 + 4) * 8;
    this.hitLists = [0, 1, 2, 3].map((k) => this.results + 64 + k * listBytes);
    this.input = this.results + 64 + 4 * listBytes;
    const automaton = new WebAssembly.Instance(automatonModule(), {}).exports as unknown as AutomatonExports;
    const pages = Math.ceil((this.input + CHUNK) / 65536);
    automaton.memory.grow(pages - automaton.memory.buffer.byteLength / 65536);
    const memory = new Uint8Array(automaton.memory.buffer);
    for (let c = 0; c < 256; c++) {
      memory[COLUMNS + c] = c < WIDTH ? columns[c]! : 0;
      // UTF-16 units: ASCII and lead bytes end a character (a 4-byte one is a surrogate pair), continuation bytes none.
      memory[UNITS + c] = c < 0x80 ? 1 : c < 0xc0 ? 0 : c < 0xf0 ? 1 : 2;
    }
    const table = new Uint32Array(automaton.memory.buffer, TABLE, states * width);
    for (let old = 0; old < states; old++) {
      for (let column = 0; column < width; column++) table[renamed[old]! * width + column] = renamed[next[old * width + column]!]! * stride;
    }
    this.automaton = automaton;
    this.memory = memory;
    this.words = new Int32Array(automaton.memory.buffer);
    this.stride = stride;
    this.warmUp = Math.max(1, ...this.keywords.map((k) => k.length));
    this.out = order.map((old) => out[old]!);
    this.reached = new Uint32Array(states);
    const firstAccepting = order.findIndex((old) => out[old]!.length > 0);
    this.first = (firstAccepting < 0 ? states : firstAccepting) * stride;
  }

  /**
   * The keywords (lower-case) that occur in `text` and, in the same pass, the end offsets of the `tracked` ones (all
   * in one list) and of the `located` ones (a list per keyword): re-analysis after a keystroke needs the first two,
   * in one pass rather than two; provider patterns are tried only where their keywords end.
   * `utf8`, when the caller has it (a file read from disk), is the text's UTF-8 encoding and saves encoding it again.
   * Real code reaches an accepting state every few hundred characters (`key`, `token`, `sk`, `pat`), so what a hit
   * does is worked out per state beforehand (`marksOf`): no set or map lookups per hit.
   */
  scan(text: string, tracked: ReadonlySet<string>, located?: readonly string[], utf8?: Uint8Array): { found: Set<string>; positions: number[]; ends: Map<string, number[]> } {
    const { marks, slots } = this.marksOf(tracked, located ?? NONE);
    const { automaton, memory, words, stride, first, out, keywords, input, hitLists, results, warmUp } = this;
    const found = new Set<string>();
    const lists: Array<number[] | undefined> = [];
    // A state's keywords are added the first time the scan reaches it; later visits (most hits) skip the loop.
    const stamp = ++this.scans;
    const reached = this.reached;
    const positions: number[] = [];
    /** Takes the hits the automaton wrote in [from, to): each ends a keyword `base + units` into the text. */
    const take = (from: number, to: number, base: number) => {
      for (let w = from >> 2; w < to >> 2; w += 2) {
        const end = base + words[w]!;
        const state = (words[w + 1]! / stride) | 0;
        const mark = marks[state]!;
        if ((mark & TRACKED) !== 0) positions.push(end);
        if ((mark & LOCATED) !== 0) {
          for (const slot of slots[state]!) {
            const list = lists[slot];
            if (list === undefined) lists[slot] = [end];
            else list.push(end);
          }
        }
        if (reached[state] !== stamp) {
          reached[state] = stamp;
          for (const id of out[state]!) found.add(keywords[id]!);
        }
      }
    };
    const bytes = utf8 ?? Buffer.from(text, 'utf8');
    let state = 0;
    let units = 0;
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const n = Math.min(CHUNK, bytes.length - at);
      memory.set(bytes.subarray(at, at + n), input);
      const part = n >> 2;
      if (n < MIN_FOUR_STREAMS || part < warmUp) {
        take(hitLists[0]!, automaton.run(input, input + n, state, 0, hitLists[0]!, first), units);
        state = automaton.state.value;
        units += automaton.units.value;
        continue;
      }
      // Parts 1-3 start from the state the text before them leaves, found by reading its last keyword-length bytes.
      const starts = [1, 2, 3].map((k) => automaton.step(input + k * part - warmUp, input + k * part, 0));
      automaton.run4(input, part, state, starts[0]!, starts[1]!, starts[2]!, hitLists[0]!, hitLists[1]!, hitLists[2]!, hitLists[3]!, first, results);
      const r = results >> 2;
      let read: number;
      if (isAscii(memory.subarray(input, input + n))) {
        // A byte is a unit, and run4's hits are addresses.
        for (let k = 0; k < 4; k++) take(hitLists[k]!, words[r + k]!, units - input);
        read = 4 * part;
      } else {
        // Addresses to units, counted from the chunk's start (in order: the parts follow one another).
        let at = input;
        let counted = 0;
        for (let k = 0; k < 4; k++) {
          counted = automaton.toUnits(hitLists[k]!, words[r + k]!, at, counted);
          at = automaton.position.value;
          take(hitLists[k]!, words[r + k]!, units);
        }
        read = counted + automaton.count(at, input + 4 * part);
      }
      // The chunk's last n mod 4 bytes, continuing the fourth stream.
      take(words[r + 3]!, automaton.run(input + 4 * part, input + n, words[r + 4]!, 0, words[r + 3]!, first), units + read);
      state = automaton.state.value;
      units += read + automaton.units.value;
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
      // Per keyword id, its tracked flag and located slots: one lookup per (state, keyword) instead of a pass over
      // every located keyword per state (~1,500 states at each thread's start).
      const isTracked = this.keywords.map((k) => tracked.has(k));
      const slotsOfId: number[][] = this.keywords.map(() => []);
      const idOf = new Map(this.keywords.map((k, id) => [k, id]));
      located.forEach((k, slot) => {
        const id = idOf.get(k);
        if (id !== undefined) slotsOfId[id]!.push(slot);
      });
      this.out.forEach((ids, state) => {
        let stateSlots: number[] = NO_SLOTS;
        for (const id of ids) {
          if (isTracked[id]) marks[state]! |= TRACKED;
          if (slotsOfId[id]!.length > 0) stateSlots = stateSlots === NO_SLOTS ? [...slotsOfId[id]!] : stateSlots.concat(slotsOfId[id]!);
        }
        if (stateSlots.length > 1) stateSlots.sort((a, b) => a - b);
        slots[state] = stateSlots;
        if (stateSlots.length > 0) marks[state]! |= LOCATED;
      });
      this.marked = { tracked, located, marks, slots };
    }
    return this.marked;
  }
}

const TRACKED = 1;
const LOCATED = 2;
const NONE: readonly string[] = [];
const NO_SLOTS: number[] = [];
