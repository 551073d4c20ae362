//! One-to-many Dijkstra on the CSR snapshot, minimising travel time and, among equally fast
//! paths, length. Binary heap with lazy deletion; the workspace is reused between sources via
//! generation stamps, so a search costs nothing for nodes it never touches.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::csr::Csr;

const NO_PRED: u32 = u32::MAX;

/// Per-thread scratch space for repeated searches on one graph.
pub(crate) struct Workspace {
    time: Vec<u64>,
    length: Vec<u64>,
    pred: Vec<u32>,
    /// `stamp[v] == generation` when `time/length/pred[v]` belong to the current search.
    stamp: Vec<u32>,
    settled: Vec<u32>,
    generation: u32,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
    /// `target_stamp[v] == generation` when `v` is a target not yet settled.
    target_stamp: Vec<u32>,
}

impl Workspace {
    pub(crate) fn new(n: usize) -> Self {
        Workspace {
            time: vec![0; n],
            length: vec![0; n],
            pred: vec![NO_PRED; n],
            stamp: vec![0; n],
            settled: vec![0; n],
            generation: 0,
            heap: BinaryHeap::new(),
            target_stamp: vec![0; n],
        }
    }

    fn next_generation(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.settled.fill(0);
            self.target_stamp.fill(0);
            self.generation = 1;
        }
        self.heap.clear();
    }

    /// Runs from `source` until every node in `targets` is settled (or the graph is exhausted).
    pub(crate) fn run(&mut self, csr: &Csr, source: usize, targets: &[usize]) {
        self.next_generation();
        let g = self.generation;
        let mut remaining = 0usize;
        for &t in targets {
            if self.target_stamp[t] != g {
                self.target_stamp[t] = g;
                remaining += 1;
            }
        }
        self.stamp[source] = g;
        self.time[source] = 0;
        self.length[source] = 0;
        self.pred[source] = NO_PRED;
        self.heap.push(Reverse((0, source as u32)));
        while let Some(Reverse((t, u))) = self.heap.pop() {
            let u = u as usize;
            if self.settled[u] == g || t > self.time[u] {
                continue;
            }
            self.settled[u] = g;
            if self.target_stamp[u] == g {
                self.target_stamp[u] = 0;
                remaining -= 1;
                if remaining == 0 {
                    break;
                }
            }
            let lu = self.length[u];
            for arc in csr.arcs_of(u) {
                let v = arc.head as usize;
                let tv = t + u64::from(arc.time_ms);
                let lv = lu + u64::from(arc.length_cm);
                if self.stamp[v] != g {
                    self.stamp[v] = g;
                    self.time[v] = tv;
                    self.length[v] = lv;
                    self.pred[v] = u as u32;
                    self.heap.push(Reverse((tv, v as u32)));
                } else if tv < self.time[v] || (tv == self.time[v] && lv < self.length[v]) {
                    // A settled node never improves: arcs take at least 1 ms.
                    let pushed = tv < self.time[v];
                    self.time[v] = tv;
                    self.length[v] = lv;
                    self.pred[v] = u as u32;
                    if pushed {
                        self.heap.push(Reverse((tv, v as u32)));
                    }
                }
            }
        }
        // Clear leftover target marks so the next generation starts clean even on early exit.
        for &t in targets {
            if self.target_stamp[t] == g {
                self.target_stamp[t] = 0;
            }
        }
    }

    /// (time ms, length cm) of `v` in the last search, if it was settled.
    #[inline]
    pub(crate) fn result(&self, v: usize) -> Option<(u64, u64)> {
        (self.settled[v] == self.generation).then(|| (self.time[v], self.length[v]))
    }

    /// Node sequence from the last search's source to `v` (inclusive), if `v` was settled.
    pub(crate) fn path_to(&self, v: usize) -> Option<Vec<usize>> {
        self.result(v)?;
        let mut path = vec![v];
        let mut cur = v;
        while self.pred[cur] != NO_PRED {
            cur = self.pred[cur] as usize;
            path.push(cur);
        }
        path.reverse();
        Some(path)
    }
}
