//! One-to-many Dijkstra on the CSR snapshot, minimising travel time and, among equally fast
//! paths, length. 4-ary heap (`dary_heap`, shallower than a binary heap: fewer cache misses per
//! pop) of packed `u64` entries (time in the high 32 bits, node in the low 32) with lazy
//! deletion: one compare per sift step. The workspace is reused between sources via generation
//! stamps, so a search costs nothing for nodes it never touches, and each node's whole state sits
//! in one 16-byte record (four per cache line).
//!
//! Labels are `u32`: path times up to 2^32 ms (49 days) and lengths up to 2^32 cm (42,949 km,
//! more than the Earth's circumference). Longer labels are dropped, and the router reports the
//! targets as out of range instead of returning a wrong value.

use std::cmp::Reverse;

use dary_heap::QuaternaryHeap;

use crate::csr::Csr;

const NO_PRED: u32 = u32::MAX;

#[inline(always)]
fn pack(time_ms: u32, node: u32) -> u64 {
    (u64::from(time_ms) << 32) | u64::from(node)
}

#[inline(always)]
fn unpack(entry: u64) -> (u32, u32) {
    ((entry >> 32) as u32, entry as u32)
}

/// Search state of one node. `mark == 2 * generation` when labelled in the current search,
/// `2 * generation + 1` once settled; anything else means untouched.
#[derive(Clone, Copy, Default)]
struct NodeState {
    time: u32,
    length: u32,
    pred: u32,
    mark: u32,
}

/// Per-thread scratch space for repeated searches on one graph.
pub(crate) struct Workspace {
    nodes: Vec<NodeState>,
    generation: u32,
    heap: QuaternaryHeap<Reverse<u64>>,
    /// `target_mark[v] == generation` when `v` is a target not yet settled.
    target_mark: Vec<u32>,
}

impl Workspace {
    pub(crate) fn new(n: usize) -> Self {
        Workspace {
            nodes: vec![NodeState::default(); n],
            generation: 0,
            heap: QuaternaryHeap::new(),
            target_mark: vec![0; n],
        }
    }

    fn next_generation(&mut self) {
        self.generation += 1;
        // Marks use 2g + 1; restart the numbering long before it could wrap.
        if self.generation >= u32::MAX / 2 - 1 {
            self.nodes.fill(NodeState::default());
            self.target_mark.fill(0);
            self.generation = 1;
        }
        self.heap.clear();
    }

    /// Runs from `source` until every node in `targets` is settled (or the graph is exhausted).
    pub(crate) fn run(&mut self, csr: &Csr, source: usize, targets: &[usize]) {
        self.next_generation();
        let g = self.generation;
        let (labelled, settled) = (2 * g, 2 * g + 1);
        let mut remaining = 0usize;
        for &t in targets {
            if self.target_mark[t] != g {
                self.target_mark[t] = g;
                remaining += 1;
            }
        }
        self.nodes[source] = NodeState {
            time: 0,
            length: 0,
            pred: NO_PRED,
            mark: labelled,
        };
        self.heap.push(Reverse(pack(0, source as u32)));
        while let Some(Reverse(entry)) = self.heap.pop() {
            let (t, u) = unpack(entry);
            let u = u as usize;
            let state = &mut self.nodes[u];
            if state.mark == settled || t > state.time {
                continue;
            }
            state.mark = settled;
            let lu = state.length;
            if self.target_mark[u] == g {
                self.target_mark[u] = 0;
                remaining -= 1;
                if remaining == 0 {
                    break;
                }
            }
            for arc in csr.arcs_of(u) {
                let v = &mut self.nodes[arc.head as usize];
                let (Some(tv), Some(lv)) =
                    (t.checked_add(arc.time_ms), lu.checked_add(arc.length_cm))
                else {
                    continue;
                };
                if v.mark < labelled {
                    *v = NodeState {
                        time: tv,
                        length: lv,
                        pred: u as u32,
                        mark: labelled,
                    };
                    self.heap.push(Reverse(pack(tv, arc.head)));
                } else if v.mark == labelled && (tv < v.time || (tv == v.time && lv < v.length)) {
                    // Settled nodes never improve: every arc takes at least 1 ms.
                    let faster = tv < v.time;
                    v.time = tv;
                    v.length = lv;
                    v.pred = u as u32;
                    if faster {
                        self.heap.push(Reverse(pack(tv, arc.head)));
                    }
                }
            }
        }
        // Clear leftover target marks so the next generation starts clean even on early exit.
        for &t in targets {
            if self.target_mark[t] == g {
                self.target_mark[t] = 0;
            }
        }
    }

    /// (time ms, length cm) of `v` in the last search, if it was settled.
    #[inline]
    pub(crate) fn result(&self, v: usize) -> Option<(u64, u64)> {
        let s = &self.nodes[v];
        (s.mark == 2 * self.generation + 1).then_some((u64::from(s.time), u64::from(s.length)))
    }

    /// Node sequence from the last search's source to `v` (inclusive), if `v` was settled.
    pub(crate) fn path_to(&self, v: usize) -> Option<Vec<usize>> {
        self.result(v)?;
        let mut path = vec![v];
        let mut cur = v;
        while self.nodes[cur].pred != NO_PRED {
            cur = self.nodes[cur].pred as usize;
            path.push(cur);
        }
        path.reverse();
        Some(path)
    }
}
