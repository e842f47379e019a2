//! Versions: version vectors (device → counter) to tell "newer" from "concurrent", and a hybrid
//! logical clock (HLC) for a total display order and the provisional winner of a conflict.
//!
//! The clock never reads time: [`HlcClock::tick`] takes the wall time (milliseconds since the Unix
//! epoch) from the caller, and [`HlcClock::observe`] folds in timestamps seen in imported data, so a
//! local edit made after an import is stamped later than everything imported.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::DeviceId;

/// How two versions relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Causality {
    /// The same version.
    Equal,
    /// The first happened before the second (the second has seen it).
    Before,
    /// The first happened after the second (it has seen the second).
    After,
    /// Neither has seen the other.
    Concurrent,
}

/// A version vector: per device, how many edits of this value that device has made or seen.
/// Missing devices count as 0. Serialised as a JSON object `{"device": counter}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VersionVector(BTreeMap<DeviceId, u64>);

impl VersionVector {
    /// The empty vector (nothing seen).
    pub fn new() -> VersionVector {
        VersionVector::default()
    }

    /// The counter of a device (0 when absent).
    pub fn get(&self, device: &DeviceId) -> u64 {
        self.0.get(device).copied().unwrap_or(0)
    }

    /// Sets a device's counter (0 removes it, keeping the representation canonical).
    pub fn set(&mut self, device: DeviceId, counter: u64) {
        if counter == 0 {
            self.0.remove(&device);
        } else {
            self.0.insert(device, counter);
        }
    }

    /// Increments a device's counter and returns the new value.
    pub fn increment(&mut self, device: &DeviceId) -> u64 {
        let next = self.get(device).saturating_add(1);
        self.0.insert(device.clone(), next);
        next
    }

    /// The pointwise maximum of two vectors.
    pub fn join(&self, other: &VersionVector) -> VersionVector {
        let mut joined = self.clone();
        joined.join_in(other);
        joined
    }

    /// Joins `other` into `self`.
    pub fn join_in(&mut self, other: &VersionVector) {
        for (device, counter) in &other.0 {
            let entry = self.0.entry(device.clone()).or_insert(0);
            *entry = (*entry).max(*counter);
        }
    }

    /// Compares causally.
    pub fn compare(&self, other: &VersionVector) -> Causality {
        let mut less = false;
        let mut greater = false;
        for device in self.0.keys().chain(other.0.keys()) {
            match self.get(device).cmp(&other.get(device)) {
                Ordering::Less => less = true,
                Ordering::Greater => greater = true,
                Ordering::Equal => {}
            }
        }
        match (less, greater) {
            (false, false) => Causality::Equal,
            (true, false) => Causality::Before,
            (false, true) => Causality::After,
            (true, true) => Causality::Concurrent,
        }
    }

    /// Whether `self` has seen everything `other` has and more.
    pub fn dominates(&self, other: &VersionVector) -> bool {
        self.compare(other) == Causality::After
    }

    /// The (device, counter) pairs.
    pub fn iter(&self) -> impl Iterator<Item = (&DeviceId, u64)> {
        self.0.iter().map(|(device, counter)| (device, *counter))
    }

    /// Whether nothing was seen.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|counter| *counter == 0)
    }
}

/// A hybrid logical timestamp: wall time, a logical counter for events in the same millisecond,
/// and the device (tie-break). Ordered by those fields in that order: a total order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch, as the device's clock said (or later).
    pub wall_ms: u64,
    /// Logical counter within the same `wall_ms`.
    pub logical: u32,
    /// The device that made the event.
    pub device: DeviceId,
}

/// A device's hybrid logical clock. Persist it with the device's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HlcClock {
    device: DeviceId,
    wall_ms: u64,
    logical: u32,
}

impl HlcClock {
    /// A fresh clock for a device.
    pub fn new(device: DeviceId) -> HlcClock {
        HlcClock {
            device,
            wall_ms: 0,
            logical: 0,
        }
    }

    /// The device this clock stamps for.
    pub fn device(&self) -> &DeviceId {
        &self.device
    }

    /// A new timestamp for a local event, given the caller's wall time. Always later than every
    /// timestamp returned or observed before, even if the wall clock went backwards, except
    /// after a wrong clock was set right: when this clock is more than
    /// [`crate::trust::MAX_CLOCK_AHEAD_MS`] ahead of `now_ms` (the laptop's clock had been a year
    /// ahead, say), it restarts from `now_ms`. Its new entries still order after its old ones
    /// where it matters, through their version vectors; only the display order and the
    /// provisional winner of open conflicts use the timestamp. Without the restart, such a laptop
    /// would date every later edit in the future and be refused by every importer.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let set_right = self.wall_ms > now_ms.saturating_add(crate::trust::MAX_CLOCK_AHEAD_MS);
        if set_right || now_ms > self.wall_ms {
            self.wall_ms = now_ms;
            self.logical = 0;
        } else if let Some(next) = self.logical.checked_add(1) {
            self.logical = next;
        } else {
            self.wall_ms = self.wall_ms.saturating_add(1);
            self.logical = 0;
        }
        Hlc {
            wall_ms: self.wall_ms,
            logical: self.logical,
            device: self.device.clone(),
        }
    }

    /// Folds in a timestamp seen in received data, so the next tick is later than it.
    pub fn observe(&mut self, seen: &Hlc) {
        if (seen.wall_ms, seen.logical) > (self.wall_ms, self.logical) {
            self.wall_ms = seen.wall_ms;
            self.logical = seen.logical;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(name: &str) -> DeviceId {
        DeviceId::new(name).unwrap()
    }

    fn vv(pairs: &[(&str, u64)]) -> VersionVector {
        let mut vector = VersionVector::new();
        for (name, counter) in pairs {
            vector.set(device(name), *counter);
        }
        vector
    }

    #[test]
    fn compares_causally() {
        assert_eq!(vv(&[("a", 1)]).compare(&vv(&[("a", 1)])), Causality::Equal);
        assert_eq!(vv(&[("a", 1)]).compare(&vv(&[("a", 2)])), Causality::Before);
        assert_eq!(
            vv(&[("a", 1), ("b", 1)]).compare(&vv(&[("a", 1)])),
            Causality::After
        );
        assert_eq!(
            vv(&[("a", 1)]).compare(&vv(&[("b", 1)])),
            Causality::Concurrent
        );
        assert_eq!(vv(&[]).compare(&vv(&[("b", 1)])), Causality::Before);
        assert!(vv(&[("a", 2), ("b", 1)]).dominates(&vv(&[("a", 1), ("b", 1)])));
        assert!(!vv(&[("a", 1)]).dominates(&vv(&[("a", 1)])));
    }

    #[test]
    fn joins_pointwise() {
        let joined = vv(&[("a", 3), ("b", 1)]).join(&vv(&[("b", 4), ("c", 2)]));
        assert_eq!(joined, vv(&[("a", 3), ("b", 4), ("c", 2)]));
        let mut incremented = joined.clone();
        assert_eq!(incremented.increment(&device("a")), 4);
        assert!(incremented.dominates(&joined));
        assert_eq!(vv(&[("a", 0)]), vv(&[]));
        assert!(vv(&[]).is_empty());
    }

    #[test]
    fn serialises_as_an_object() {
        assert_eq!(
            serde_json::to_string(&vv(&[("b", 2), ("a", 1)])).unwrap(),
            r#"{"a":1,"b":2}"#
        );
    }

    #[test]
    fn hlc_orders_by_wall_then_logical_then_device() {
        let at = |wall_ms, logical, name: &str| Hlc {
            wall_ms,
            logical,
            device: device(name),
        };
        assert!(at(1, 5, "z") < at(2, 0, "a"));
        assert!(at(2, 0, "z") < at(2, 1, "a"));
        assert!(at(2, 1, "a") < at(2, 1, "b"));
    }

    #[test]
    fn clock_is_monotonic_even_when_wall_time_goes_back() {
        let mut clock = HlcClock::new(device("a"));
        let first = clock.tick(1_000);
        let second = clock.tick(1_000);
        let third = clock.tick(500);
        let fourth = clock.tick(2_000);
        assert!(first < second && second < third && third < fourth);
        assert_eq!((second.wall_ms, second.logical), (1_000, 1));
        assert_eq!((third.wall_ms, third.logical), (1_000, 2));
        assert_eq!((fourth.wall_ms, fourth.logical), (2_000, 0));
    }

    #[test]
    fn observing_a_later_stamp_makes_the_next_tick_later() {
        let mut clock = HlcClock::new(device("a"));
        clock.tick(1_000);
        let remote = Hlc {
            wall_ms: 9_000,
            logical: 3,
            device: device("b"),
        };
        clock.observe(&remote);
        let next = clock.tick(2_000);
        assert!(next > remote);
        assert_eq!((next.wall_ms, next.logical), (9_000, 4));
    }

    #[test]
    fn logical_overflow_moves_the_wall_forward() {
        let mut clock = HlcClock::new(device("a"));
        clock.observe(&Hlc {
            wall_ms: 10,
            logical: u32::MAX,
            device: device("b"),
        });
        let next = clock.tick(5);
        assert_eq!((next.wall_ms, next.logical), (11, 0));
    }

    #[test]
    fn a_clock_set_right_after_running_a_year_ahead_restarts_from_the_wall() {
        let year = 365 * 86_400_000;
        let now = 1_765_000_000_000;
        let mut clock = HlcClock::new(device("a"));
        let ahead = clock.tick(now + year);
        // Within a day of the wall, the clock never goes back.
        assert!(clock.tick(now + year - 3_600_000) > ahead);
        // A year ahead of the wall: the clock was wrong and was set right.
        let next = clock.tick(now);
        assert_eq!((next.wall_ms, next.logical), (now, 0));
        assert!(clock.tick(now + 1) > next);
    }
}
