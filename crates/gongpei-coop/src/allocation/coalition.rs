//! Coalitions of players (carriers) as bitmasks: player `i` is in `S` when bit `i` is set.

use serde::Serialize;

/// Largest number of players a [`Coalition`] can hold.
pub const MAX_PLAYERS: usize = 63;

/// A set of players, as a bitmask (`u64`, so at most [`MAX_PLAYERS`] players).
///
/// ```
/// use gongpei_coop::allocation::Coalition;
/// let s = Coalition::from_players(&[0, 2]);
/// assert!(s.contains(2) && !s.contains(1));
/// assert_eq!(s.len(), 2);
/// assert_eq!(s.with(1), Coalition::grand(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Coalition(pub u64);

impl Coalition {
    /// The empty coalition.
    pub const EMPTY: Coalition = Coalition(0);

    /// All `n` players.
    pub fn grand(n: usize) -> Self {
        if n >= 64 {
            Coalition(u64::MAX)
        } else {
            Coalition((1u64 << n) - 1)
        }
    }

    /// The coalition of the listed players.
    pub fn from_players(players: &[usize]) -> Self {
        Coalition(players.iter().fold(0, |m, &p| m | (1u64 << p)))
    }

    /// The coalition of player `i` alone.
    pub fn single(i: usize) -> Self {
        Coalition(1u64 << i)
    }

    /// Whether player `i` belongs to it.
    pub fn contains(self, i: usize) -> bool {
        self.0 >> i & 1 == 1
    }

    /// The coalition with player `i` added.
    pub fn with(self, i: usize) -> Self {
        Coalition(self.0 | (1u64 << i))
    }

    /// The coalition with player `i` removed.
    pub fn without(self, i: usize) -> Self {
        Coalition(self.0 & !(1u64 << i))
    }

    /// Number of players.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether it has no player.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The players, ascending.
    pub fn players(self) -> impl Iterator<Item = usize> {
        (0..64).filter(move |&i| self.contains(i))
    }

    /// Every non-empty proper or full subset of the `n`-player grand coalition, ascending masks.
    pub fn all_nonempty(n: usize) -> impl Iterator<Item = Coalition> {
        (1..=Coalition::grand(n).0).map(Coalition)
    }

    /// Human-readable form using player names, e.g. `{zto, yto}`.
    pub fn label(self, names: &[String]) -> String {
        let parts: Vec<&str> = self
            .players()
            .map(|i| names.get(i).map_or("?", |s| s.as_str()))
            .collect();
        format!("{{{}}}", parts.join(", "))
    }
}
