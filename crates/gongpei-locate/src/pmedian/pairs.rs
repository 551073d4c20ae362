//! The (demand point, candidate) pairs the bounding phases read: per kept demand point, the
//! candidates it may be served by with their weighted costs, ascending. At first every pair;
//! after the root's reductions only those of candidates not closed and within each point's cap,
//! with the remaining candidates renumbered, which makes every later bound evaluation cheap.

use super::data::Instance;
use super::lagrangian::Fix;

/// Candidate lists per kept demand point.
#[derive(Debug, Clone)]
pub(super) struct Pairs {
    /// Number of candidates (in this numbering).
    pub m: usize,
    /// Medians to open.
    pub p: usize,
    /// Number of kept demand points.
    pub clients: usize,
    /// Offsets of each point's pairs in `site` and `cost` (clients + 1 entries).
    start: Vec<usize>,
    site: Vec<u32>,
    cost: Vec<f64>,
    /// Candidate of the instance behind each candidate of this numbering.
    pub original: Vec<usize>,
}

impl Pairs {
    /// Every pair of `inst`.
    pub fn full(inst: &Instance) -> Self {
        let mut start = Vec::with_capacity(inst.clients + 1);
        let mut site = Vec::with_capacity(inst.clients * inst.m);
        let mut cost = Vec::with_capacity(inst.clients * inst.m);
        start.push(0);
        let mut sorted: Vec<u32> = (0..inst.m as u32).collect();
        for c in 0..inst.clients {
            let row = inst.row(c);
            // Stable: equal costs stay by candidate index.
            sorted.sort_by(|&a, &b| row[a as usize].total_cmp(&row[b as usize]));
            for &j in &sorted {
                site.push(j);
                cost.push(row[j as usize]);
            }
            start.push(site.len());
        }
        Self {
            m: inst.m,
            p: inst.p,
            clients: inst.clients,
            start,
            site,
            cost,
            original: (0..inst.m).collect(),
        }
    }

    /// The candidates (this numbering) and weighted costs of point `c`, ascending by cost.
    #[inline]
    pub fn of(&self, c: usize) -> (&[u32], &[f64]) {
        let range = self.start[c]..self.start[c + 1];
        (&self.site[range.clone()], &self.cost[range])
    }

    /// The pairs of candidates not closed by `fix` with a cost within the point's cap, the kept
    /// candidates renumbered; also returns `fix` in the new numbering.
    pub fn restrict(&self, fix: &[Fix], caps: &[f64]) -> (Self, Vec<Fix>) {
        let mut renumber = vec![u32::MAX; self.m];
        let mut original = Vec::new();
        let mut kept_fix = Vec::new();
        for j in (0..self.m).filter(|&j| fix[j] != Fix::Closed) {
            renumber[j] = original.len() as u32;
            original.push(self.original[j]);
            kept_fix.push(fix[j]);
        }
        let kept = |j: u32| Some(renumber[j as usize]).filter(|&r| r != u32::MAX);
        let (start, site, cost) = self.filtered(caps, kept);
        let pairs = Self {
            m: original.len(),
            p: self.p,
            clients: self.clients,
            start,
            site,
            cost,
            original,
        };
        (pairs, kept_fix)
    }

    /// The pairs of candidates not closed by `fix` with a cost within the point's cap, in the same
    /// numbering (a node's narrowing of its parent's pairs).
    pub fn narrow(&self, fix: &[Fix], caps: &[f64]) -> Self {
        let open = |j: u32| Some(j).filter(|&j| fix[j as usize] != Fix::Closed);
        let (start, site, cost) = self.filtered(caps, open);
        Self {
            m: self.m,
            p: self.p,
            clients: self.clients,
            start,
            site,
            cost,
            original: self.original.clone(),
        }
    }

    /// Offsets, candidates and costs of the pairs within each point's cap whose candidate `keep`
    /// maps to a candidate of the result (`None` drops the pair).
    fn filtered(
        &self,
        caps: &[f64],
        keep: impl Fn(u32) -> Option<u32>,
    ) -> (Vec<usize>, Vec<u32>, Vec<f64>) {
        let mut start = Vec::with_capacity(self.clients + 1);
        start.push(0);
        let (mut site, mut cost) = (Vec::new(), Vec::new());
        for (c, &cap) in caps.iter().enumerate() {
            let (sites, costs) = self.of(c);
            for (&j, &d) in sites.iter().zip(costs) {
                if d > cap {
                    break;
                }
                if let Some(kept) = keep(j) {
                    site.push(kept);
                    cost.push(d);
                }
            }
            start.push(site.len());
        }
        (start, site, cost)
    }
}
