//! The two metaheuristics behind one driving interface, so the solver's sequential and
//! parallel drivers need not know which one runs: the genetic search for small and medium
//! instances, the iterated local search for large ones.

use super::cost::CostEvaluator;
use super::data::SearchData;
use super::hgs::{Hgs, HgsParams};
use super::ils::{Ils, IlsParams};
use super::individual::Individual;
use crate::Route;

/// A given solution a search starts from (a warm start): its routes, and whether they visit
/// every required client (then it stands as the first incumbent before any local search).
#[derive(Debug, Clone)]
pub(crate) struct Start {
    pub routes: Vec<Route>,
    pub complete: bool,
}

/// Which metaheuristic a search runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Genetic,
    Iterated,
}

/// One independent search.
pub(crate) enum Search<'s, 'a> {
    Genetic(Box<Hgs<'s, 'a>>),
    Iterated(Box<Ils<'s, 'a>>),
}

impl<'s, 'a> Search<'s, 'a> {
    /// A search of `kind`; with `start`, its first solution is that one (educated, and offered
    /// as the incumbent as given when it is complete).
    pub fn new(
        kind: Kind,
        sd: &'s SearchData<'a>,
        neighbours: &'s [Vec<usize>],
        seed: u64,
        start: Option<Start>,
    ) -> Self {
        match kind {
            Kind::Genetic => {
                let mut hgs = Hgs::new(sd, neighbours, HgsParams::default(), seed);
                hgs.start = start;
                Self::Genetic(Box::new(hgs))
            }
            Kind::Iterated => {
                let mut ils = Ils::new(
                    sd,
                    neighbours,
                    IlsParams::default(),
                    CostEvaluator::initial(sd),
                    seed,
                );
                ils.start = start;
                Self::Iterated(Box::new(ils))
            }
        }
    }

    pub fn iterations(&self) -> u64 {
        match self {
            Self::Genetic(s) => s.iterations,
            Self::Iterated(s) => s.iterations,
        }
    }

    pub fn best(&self) -> Option<&Individual> {
        match self {
            Self::Genetic(s) => s.best(),
            Self::Iterated(s) => s.best(),
        }
    }

    pub fn best_feasible(&self) -> Option<&Individual> {
        match self {
            Self::Genetic(s) => s.best_feasible(),
            Self::Iterated(s) => s.best_feasible(),
        }
    }

    /// Builds the starting solution(s); with `pause()` true between two of them, returns
    /// `false` early and goes on at the next call without changing the search (see
    /// [`Hgs::initialise_reporting`]). `true` once set up.
    pub fn initialise_reporting(
        &mut self,
        stop: &dyn Fn() -> bool,
        report: &dyn Fn(Option<&Individual>),
        pause: &dyn Fn() -> bool,
    ) -> bool {
        match self {
            Self::Genetic(s) => s.initialise_reporting(stop, report, pause),
            Self::Iterated(s) => {
                s.initialise_reporting(stop, report);
                true
            }
        }
    }

    pub fn iterate(&mut self, stop: &dyn Fn() -> bool) {
        match self {
            Self::Genetic(s) => s.iterate(stop),
            Self::Iterated(s) => s.iterate(stop),
        }
    }

    pub fn inject(&mut self, ind: &Individual) {
        match self {
            Self::Genetic(s) => s.inject(ind),
            Self::Iterated(s) => s.inject(ind),
        }
    }
}
