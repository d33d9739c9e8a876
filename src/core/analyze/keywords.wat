;; The keyword automaton's inner loop, over a text's UTF-8 bytes (keywords.ts builds the table and reads the hits).
;; Assembled by scripts/wasm.mjs into keywordsWasm.ts; a unit test checks that the two agree.
;;
;; Why WebAssembly: the same loop in JavaScript over a string ran at 120-310 MB/s (slower on two-byte strings); here it
;; runs at ~600 MB/s, and `run4` reads four parts of a text at once, so the processor overlaps their dependent table
;; loads: ~1.3 GB/s. It does not count UTF-16 units (that took the gain away): outside ASCII, `toUnits` converts its
;; hits' addresses afterwards, counting 16 bytes at a time with SIMD.
;;
;; Memory layout (bytes):
;;   [0, 256)    the table column of each byte (bytes no keyword uses share one column; so do all bytes above 127);
;;   [256, 512)  the UTF-16 code units each byte ends: 1 for ASCII and for a lead byte, 2 for a 4-byte sequence's lead
;;               byte (a surrogate pair), 0 for continuation bytes; so a hit's offset is in the text's own units;
;;   [512, …)    the transition table, u32 entries: `table[state + column × 4]` is the next state. States are byte
;;               offsets of their rows (state number × width × 4), and those at or above `first` end a keyword.
;; The caller places the input, the hit lists and a results area after the table.
;; A hit is two i32: where the keyword ends and the state. `run` gives the end in UTF-16 units read since it started,
;; `run4` as the address after its last byte.
(module
  (memory (export "memory") 1)
  (global $state (export "state") (mut i32) (i32.const 0))
  (global $units (export "units") (mut i32) (i32.const 0))
  (global $position (export "position") (mut i32) (i32.const 0))

  ;; The state after reading [at, end) from state s, recording nothing: a stream's warm-up before its part.
  (func (export "step") (param $at i32) (param $end i32) (param $s i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $s
          (i32.load offset=512
            (i32.add (local.get $s) (i32.shl (i32.load8_u (i32.load8_u (local.get $at))) (i32.const 2)))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $next)))
    (local.get $s))

  ;; Reads [at, end) from state s, having read u units before; writes a hit at out for each keyword end. Returns where
  ;; the hits end; the final state and units are left in the globals. The caller leaves room for a hit per byte.
  (func (export "run") (param $at i32) (param $end i32) (param $s i32) (param $u i32) (param $out i32) (param $first i32)
    (result i32)
    (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $at)))
        (local.set $s
          (i32.load offset=512 (i32.add (local.get $s) (i32.shl (i32.load8_u (local.get $c)) (i32.const 2)))))
        (local.set $u (i32.add (local.get $u) (i32.load8_u offset=256 (local.get $c))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $s) (local.get $first)))
        (i32.store (local.get $out) (local.get $u))
        (i32.store offset=4 (local.get $out) (local.get $s))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next)))
    (global.set $state (local.get $s))
    (global.set $units (local.get $u))
    (local.get $out))

  ;; The UTF-16 units of the bytes [at, end): 16 bytes at a time, each a unit but continuation bytes (none) and the lead
  ;; bytes of 4-byte sequences (two, a surrogate pair); the last few one by one.
  (func $count (export "count") (param $at i32) (param $end i32) (result i32)
    (local $u i32)
    (local $v v128)
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $at)))
        (local.set $u
          (i32.add
            (local.get $u)
            (i32.sub
              (i32.add
                (i32.const 16)
                (i32.popcnt (i8x16.bitmask (i8x16.ge_u (local.get $v) (v128.const i8x16 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0)))))
              (i32.popcnt
                (i8x16.bitmask
                  (i8x16.eq
                    (v128.and (local.get $v) (v128.const i8x16 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0))
                    (v128.const i8x16 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80)))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $next)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $u (i32.add (local.get $u) (i32.load8_u offset=256 (i32.load8_u (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $next)))
    (local.get $u))

  ;; Rewrites the hits in [hits, hitsEnd), whose ends are addresses in ascending order (run4's), as the UTF-16 units read
  ;; since `at`, where `u` had been read. Returns the units at the last hit; its address is left in $position.
  (func (export "toUnits") (param $hits i32) (param $hitsEnd i32) (param $at i32) (param $u i32) (result i32)
    (local $end i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $hits) (local.get $hitsEnd)))
        (local.set $end (i32.load (local.get $hits)))
        (local.set $u (i32.add (local.get $u) (call $count (local.get $at) (local.get $end))))
        (local.set $at (local.get $end))
        (i32.store (local.get $hits) (local.get $u))
        (local.set $hits (i32.add (local.get $hits) (i32.const 8)))
        (br $next)))
    (global.set $position (local.get $at))
    (local.get $u))

  ;; Four streams at once over the parts [at + k × len, at + (k + 1) × len), k = 0…3, from states s0…s3 (the caller
  ;; warms each up with `step`), each writing its hits at its own out_k, ends as addresses.
  ;; Leaves at `results` (i32 each): where each stream's hits end (4), the last state.
  (func (export "run4") (param $at i32) (param $len i32) (param $s0 i32) (param $s1 i32) (param $s2 i32) (param $s3 i32)
    (param $out0 i32) (param $out1 i32) (param $out2 i32) (param $out3 i32) (param $first i32) (param $results i32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $end i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local.set $a1 (i32.add (local.get $at) (local.get $len)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $len)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $len)))
    (local.set $end (local.get $a1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $c0 (i32.load8_u (local.get $at)))
        (local.set $c1 (i32.load8_u (local.get $a1)))
        (local.set $c2 (i32.load8_u (local.get $a2)))
        (local.set $c3 (i32.load8_u (local.get $a3)))
        (local.set $s0
          (i32.load offset=512 (i32.add (local.get $s0) (i32.shl (i32.load8_u (local.get $c0)) (i32.const 2)))))
        (local.set $s1
          (i32.load offset=512 (i32.add (local.get $s1) (i32.shl (i32.load8_u (local.get $c1)) (i32.const 2)))))
        (local.set $s2
          (i32.load offset=512 (i32.add (local.get $s2) (i32.shl (i32.load8_u (local.get $c2)) (i32.const 2)))))
        (local.set $s3
          (i32.load offset=512 (i32.add (local.get $s3) (i32.shl (i32.load8_u (local.get $c3)) (i32.const 2)))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (local.set $a1 (i32.add (local.get $a1) (i32.const 1)))
        (local.set $a2 (i32.add (local.get $a2) (i32.const 1)))
        (local.set $a3 (i32.add (local.get $a3) (i32.const 1)))
        ;; The OR is at least the largest state: below `first`, no stream ended a keyword (the common case).
        (br_if $next
          (i32.lt_u
            (i32.or (i32.or (local.get $s0) (local.get $s1)) (i32.or (local.get $s2) (local.get $s3)))
            (local.get $first)))
        (if (i32.ge_u (local.get $s0) (local.get $first))
          (then
            (i32.store (local.get $out0) (local.get $at))
            (i32.store offset=4 (local.get $out0) (local.get $s0))
            (local.set $out0 (i32.add (local.get $out0) (i32.const 8)))))
        (if (i32.ge_u (local.get $s1) (local.get $first))
          (then
            (i32.store (local.get $out1) (local.get $a1))
            (i32.store offset=4 (local.get $out1) (local.get $s1))
            (local.set $out1 (i32.add (local.get $out1) (i32.const 8)))))
        (if (i32.ge_u (local.get $s2) (local.get $first))
          (then
            (i32.store (local.get $out2) (local.get $a2))
            (i32.store offset=4 (local.get $out2) (local.get $s2))
            (local.set $out2 (i32.add (local.get $out2) (i32.const 8)))))
        (if (i32.ge_u (local.get $s3) (local.get $first))
          (then
            (i32.store (local.get $out3) (local.get $a3))
            (i32.store offset=4 (local.get $out3) (local.get $s3))
            (local.set $out3 (i32.add (local.get $out3) (i32.const 8)))))
        (br $next)))
    (i32.store offset=0 (local.get $results) (local.get $out0))
    (i32.store offset=4 (local.get $results) (local.get $out1))
    (i32.store offset=8 (local.get $results) (local.get $out2))
    (i32.store offset=12 (local.get $results) (local.get $out3))
    (i32.store offset=16 (local.get $results) (local.get $s3)))
)
