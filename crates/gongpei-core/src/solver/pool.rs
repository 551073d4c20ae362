//! The engine pool: one pool of search threads per process, shared by every solve.
//!
//! Every search of every solve runs on rayon's global pool (also the pool of the coop planner's
//! parallel sub-problems, so nesting is rayon's own work stealing and cannot deadlock). A solve
//! asks for `threads` searches; the pool runs at most [`engine_threads`] of them at once,
//! however many solves run side by side (Python threads, nested comparisons), so the process
//! never oversubscribes the machine.
//!
//! A solve called from outside the pool (a CLI main thread, a Python thread) sends its work in
//! *rounds*: each round is one `rayon::scope` that the calling thread waits for. While the pool
//! is oversubscribed (more searches wanted from outside than it has threads), a search ends its
//! round after a [`SLICE`] of wall time, between two iterations, and the next round goes to the
//! back of rayon's first-in first-out queue of outside work; so every waiting solve gets its turn
//! within a few slices and can stop at its own time limit. Where a round ends changes nothing in
//! the search: iterations, exchanges and seeds follow the iteration counts only, so a solve's
//! answer (under an iteration limit) does not depend on what else runs.
//!
//! ```
//! assert!(gongpei_core::engine_threads() >= 1);
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Wall time a search runs before it gives its pool thread to other waiting work, when the pool
/// is oversubscribed. Short against time limits (a waiting solve is seen within a few slices),
/// long against the cost of a round (one rayon scope, microseconds).
pub(crate) const SLICE: Duration = Duration::from_millis(20);

/// Searches wanted right now by solves called from outside the pool.
static WANTED: AtomicUsize = AtomicUsize::new(0);

/// The size of the pool, read once (the global pool cannot change size).
static THREADS: OnceLock<usize> = OnceLock::new();

/// The number of threads of the process's engine pool: rayon's global pool, sized by the
/// available parallelism (or the `RAYON_NUM_THREADS` environment variable, or
/// [`set_engine_threads`] before the first solve). At most this many searches run at once in
/// the process.
///
/// ```
/// let n = gongpei_core::engine_threads();
/// assert_eq!(n, gongpei_core::engine_threads());
/// ```
pub fn engine_threads() -> usize {
    // Outside any pool rayon reports its global pool; solves inside a pool of their own
    // (a caller's `ThreadPool::install`) are scheduled by that pool and never ask.
    *THREADS.get_or_init(|| rayon::current_num_threads().max(1))
}

/// Sizes the process's engine pool to `threads` threads. Works only before the pool starts
/// (before the first solve, matrix or other parallel work); returns the size the pool has, which
/// is `threads` on success and the earlier size when the pool already ran.
///
/// ```
/// let size = gongpei_core::set_engine_threads(1);
/// assert_eq!(size, gongpei_core::engine_threads());
/// ```
pub fn set_engine_threads(threads: usize) -> usize {
    let threads = threads.max(1);
    if THREADS.get().is_none()
        && rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .is_ok()
    {
        return *THREADS.get_or_init(|| threads);
    }
    engine_threads()
}

/// One solve's place on the pool, from its start to its end.
pub(crate) struct Seat {
    searches: usize,
    /// Whether the solve was called from outside the pool and so sends rounds to it. A solve
    /// nested in pool work (a coop sub-problem) runs its rounds on the thread it is on and is
    /// scheduled by rayon with the work around it.
    outside: bool,
    pool: usize,
}

impl Seat {
    /// Takes a seat for a solve of `searches` searches.
    pub fn take(searches: usize) -> Self {
        let outside = rayon::current_thread_index().is_none();
        if outside {
            WANTED.fetch_add(searches, Ordering::Relaxed);
        }
        Seat {
            searches,
            outside,
            pool: if outside { engine_threads() } else { 0 },
        }
    }

    /// Starts the slice of one search's round.
    pub fn slice(&self) -> Slice<'_> {
        Slice {
            seat: self,
            started: Instant::now(),
        }
    }

    fn oversubscribed(&self) -> bool {
        self.outside && WANTED.load(Ordering::Relaxed) > self.pool
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        if self.outside {
            WANTED.fetch_sub(self.searches, Ordering::Relaxed);
        }
    }
}

/// The wall-time slice of one search in one round.
pub(crate) struct Slice<'s> {
    seat: &'s Seat,
    started: Instant,
}

impl Slice<'_> {
    /// Whether the search should end its round now and let other work have the thread.
    pub fn over(&self) -> bool {
        self.seat.oversubscribed() && self.started.elapsed() >= SLICE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_solve_is_never_cut_into_slices() {
        let seat = Seat::take(1);
        let slice = seat.slice();
        std::thread::sleep(SLICE * 2);
        // Other unit tests may hold seats at the same time; only a pool of fewer threads
        // than the seats wanted may slice.
        assert_eq!(
            slice.over(),
            WANTED.load(Ordering::Relaxed) > engine_threads()
        );
    }

    #[test]
    fn seats_wanted_are_returned_at_the_end_of_a_solve() {
        let many = engine_threads() + 1;
        let seat = Seat::take(many);
        assert!(seat.oversubscribed());
        let slice = seat.slice();
        std::thread::sleep(SLICE + Duration::from_millis(5));
        assert!(slice.over());
        drop(seat);
    }
}
