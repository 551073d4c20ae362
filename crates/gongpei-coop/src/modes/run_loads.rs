//! What each bus run already carries on each segment of its line (between two consecutive
//! stops). A load occupies the run from its boarding stop to its alighting stop only, so the
//! spare parcels and kilograms of a line bound every segment, not the run's day total: a run
//! can carry more in all when loads board and alight along the way.

use std::collections::HashMap;

use gongpei_scenario::BusLine;

use crate::plan::BusAssignment;
use crate::world::World;

/// Parcels and kilograms on board per segment, for every (line index, run index) used so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunLoads {
    /// Segment `k` of a run is the drive from stop `k` to stop `k + 1`.
    on_board: HashMap<(usize, usize), Vec<(i64, i64)>>,
}

impl RunLoads {
    /// The loads of existing bus assignments (lines looked up by id, stops by site).
    pub fn from_assignments(world: &World<'_>, bus: &[BusAssignment]) -> Self {
        let mut loads = RunLoads::default();
        let lines = &world.scenario.bus_lines;
        for b in bus {
            let Some(li) = lines.iter().position(|l| l.id == b.line) else {
                continue;
            };
            let line = &lines[li];
            if let (Some(from), Some(to)) = (
                stop_position(world, line, b.board_site),
                stop_position(world, line, b.alight_site),
            ) {
                loads.add(line, li, b.run, from, to, b.parcels, b.kg);
            }
        }
        loads
    }

    /// Room left on run `run` of `line` (index `li`) from stop `from` to stop `to`: the least
    /// spare parcels and kilograms over the segments in between.
    pub fn room(
        &self,
        line: &BusLine,
        li: usize,
        run: usize,
        from: usize,
        to: usize,
    ) -> (i64, i64) {
        let mut room = (line.spare_parcels_per_run, line.spare_kg_per_run);
        if let Some(segments) = self.on_board.get(&(li, run)) {
            for &(p, kg) in &segments[from..to] {
                room.0 = room.0.min(line.spare_parcels_per_run - p);
                room.1 = room.1.min(line.spare_kg_per_run - kg);
            }
        }
        room
    }

    /// Whether `parcels` and `kg` fit on the run from stop `from` to stop `to`.
    #[allow(clippy::too_many_arguments)]
    pub fn fits(
        &self,
        line: &BusLine,
        li: usize,
        run: usize,
        from: usize,
        to: usize,
        parcels: i64,
        kg: i64,
    ) -> bool {
        let (p, k) = self.room(line, li, run, from, to);
        parcels <= p && kg <= k
    }

    /// Puts a load on the run from stop `from` to stop `to`.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        line: &BusLine,
        li: usize,
        run: usize,
        from: usize,
        to: usize,
        parcels: i64,
        kg: i64,
    ) {
        let segments = self
            .on_board
            .entry((li, run))
            .or_insert_with(|| vec![(0, 0); line.stops.len().saturating_sub(1)]);
        for s in &mut segments[from..to] {
            s.0 += parcels;
            s.1 += kg;
        }
    }
}

/// Position of site `site` among the stops of `line` (its first occurrence).
pub(crate) fn stop_position(world: &World<'_>, line: &BusLine, site: usize) -> Option<usize> {
    line.stops
        .iter()
        .position(|s| world.scenario.site_index(s) == Some(site))
}

#[cfg(test)]
mod tests {
    use super::RunLoads;
    use gongpei_scenario::{BusLine, BusRun};

    fn line() -> BusLine {
        BusLine {
            id: "l".into(),
            name: "l".into(),
            operator: "bus".into(),
            stops: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            stop_offsets_s: vec![0, 600, 1200, 1800],
            runs: vec![BusRun {
                departure_s: 28_800,
            }],
            spare_parcels_per_run: 10,
            spare_kg_per_run: 50,
            fee_per_parcel: 1.0,
            fee_per_kg: 0.0,
            handover: None,
            chilled_allowed: false,
            handling_cost_per_parcel: 0.1,
            handover_cost_per_stop: 2.0,
            fuel_cost_per_kg: 0.01,
        }
    }

    #[test]
    fn loads_that_alight_free_the_later_segments() {
        let l = line();
        let mut loads = RunLoads::default();
        // 8 parcels a -> b, then 10 parcels b -> d fit: they never share a segment.
        assert!(loads.fits(&l, 0, 0, 0, 1, 8, 40));
        loads.add(&l, 0, 0, 0, 1, 8, 40);
        assert!(loads.fits(&l, 0, 0, 1, 3, 10, 50));
        loads.add(&l, 0, 0, 1, 3, 10, 50);
        // 18 parcels in all on a run of 10 spare; but nothing more fits on any segment now
        // except 2 parcels / 10 kg on a -> b.
        assert_eq!(loads.room(&l, 0, 0, 0, 1), (2, 10));
        assert_eq!(loads.room(&l, 0, 0, 0, 2), (0, 0));
        assert!(!loads.fits(&l, 0, 0, 2, 3, 1, 1));
        assert!(loads.fits(&l, 0, 0, 0, 1, 2, 10));
        assert!(!loads.fits(&l, 0, 0, 0, 1, 3, 10));
    }

    #[test]
    fn kilograms_bound_each_segment_too() {
        let l = line();
        let mut loads = RunLoads::default();
        loads.add(&l, 0, 0, 1, 2, 1, 45);
        assert!(!loads.fits(&l, 0, 0, 0, 3, 1, 6));
        assert!(loads.fits(&l, 0, 0, 0, 3, 1, 5));
        assert!(loads.fits(&l, 0, 0, 2, 3, 9, 50));
        // Another run of the same line is empty.
        assert_eq!(loads.room(&l, 0, 1, 0, 3), (10, 50));
    }
}
