//! Unit tests of the trust rules' parts: chains through conflicting parents, the "would change"
//! test of a reference, the clock limit and the dates of messages.

use super::*;
use crate::ids::DeviceId;
use crate::register::EditContext;
use crate::unit::{Unit, UnitKind};
use crate::version::HlcClock;

fn id(text: &str) -> UnitId {
    UnitId::new(text).unwrap()
}

fn unit(name: &str, kind: UnitKind, parent: Option<&str>) -> Unit {
    Unit {
        id: id(name),
        code: None,
        name_vi: format!("Đơn vị {name}"),
        kind,
        parent: parent.map(id),
        attachment_limits: None,
    }
}

struct Device {
    clock: HlcClock,
    now: u64,
}

impl Device {
    fn new(name: &str) -> Device {
        Device {
            clock: HlcClock::new(DeviceId::new(name).unwrap()),
            now: 1_765_000_000_000,
        }
    }

    fn edit(&mut self) -> EditContext {
        self.now += 1_000;
        EditContext::new(self.clock.tick(self.now), "Cán bộ")
    }
}

fn registry() -> Store {
    let mut device = Device::new("tinh");
    let mut store = Store::new();
    store
        .upsert_unit(&device.edit(), unit("p", UnitKind::Province, None))
        .unwrap();
    store
        .upsert_unit(&device.edit(), unit("m", UnitKind::Middle, Some("p")))
        .unwrap();
    store
        .upsert_unit(&device.edit(), unit("w", UnitKind::Ward, Some("m")))
        .unwrap();
    store
}

#[test]
fn a_chain_runs_to_the_top_and_through_every_parent_a_version_names() {
    let mut store = registry();
    assert_eq!(
        chain_of(&store, None, &id("w")),
        [id("w"), id("m"), id("p")]
    );
    assert_eq!(tops(&store, None, &id("w")), [id("p")]);
    // Two concurrent versions of the ward: one renames it, one moves it under another
    // province. Both parents' chains count.
    let mut mover = store.clone();
    let mut device = Device::new("khac");
    mover
        .upsert_unit(&device.edit(), unit("q", UnitKind::Province, None))
        .unwrap();
    mover
        .upsert_unit(&device.edit(), unit("w", UnitKind::Ward, Some("q")))
        .unwrap();
    let mut renamed = unit("w", UnitKind::Ward, Some("m"));
    renamed.name_vi = "Tên mới".into();
    store
        .upsert_unit(&Device::new("tinh-2").edit(), renamed)
        .unwrap();
    store.merge(&mover);
    assert!(store.units[&id("w")].is_conflict());
    let chain = chain_of(&store, None, &id("w"));
    for link in ["w", "m", "p", "q"] {
        assert!(chain.contains(&id(link)), "{link} in {chain:?}");
    }
    let mut top = tops(&store, None, &id("w"));
    top.sort();
    assert_eq!(top, [id("p"), id("q")]);
    // A cycle ends.
    assert_eq!(chain_of(&Store::new(), None, &id("x")), [id("x")]);
}

#[test]
fn a_reference_changes_nothing_only_when_the_store_has_it_or_something_newer() {
    let store = registry();
    let known = store.units.get(&id("p")).unwrap();
    assert!(!would_change(Some(known), known));
    assert!(would_change(None, known));
    assert!(!would_change(Some(known), &MvReg::new()));
    // A newer version (its vector dominates): a change. The older one is then absorbed.
    let mut newer = known.clone();
    let mut device = Device::new("tinh");
    let mut renamed = unit("p", UnitKind::Province, None);
    renamed.name_vi = "Giả".into();
    newer.write(&device.edit(), Some(renamed.clone()));
    assert!(would_change(Some(known), &newer));
    assert!(!would_change(Some(&newer), known));
    // The same version vector with another value (a forged entry): a change.
    let entry = &known.siblings()[0];
    let forged = MvReg::from_entries(vec![crate::register::Versioned {
        value: Some(renamed),
        ..entry.clone()
    }]);
    assert_eq!(forged.siblings()[0].vv, entry.vv);
    assert!(would_change(Some(known), &forged));
}

#[test]
fn the_clock_limit_is_a_day_ahead_and_dates_read_in_utc() {
    assert_eq!(TrustPolicy::new().clock_limit(), None);
    assert_eq!(
        TrustPolicy::new().at(1_000).clock_limit(),
        Some(1_000 + MAX_CLOCK_AHEAD_MS)
    );
    assert_eq!(
        TrustPolicy::new().at(u64::MAX).clock_limit(),
        Some(u64::MAX)
    );
    assert_eq!(utc_text(3_786_912_000_000), "2090-01-01 00:00");
    assert_eq!(
        utc_text(1_734_652_800_000 + 90 * 60_000),
        "2024-12-20 01:30"
    );
}
