//! Unit tests of the cycle's records: their serialised shapes, and a store without them keeps
//! its old serialised form (so files written before issue 24 read back byte for byte).

use super::*;
use crate::date::Date;

#[test]
fn a_store_without_cycle_records_serialises_as_before() {
    let text = serde_json::to_string(&Store::new()).unwrap();
    assert!(
        !text.contains("conclusions") && !text.contains("decisions"),
        "{text}"
    );
}

#[test]
fn a_decision_checks_its_number_and_date() {
    let decision = Decision {
        number: "2878/QĐ-BCA".into(),
        date: Date::new(2025, 4, 22).unwrap(),
        signer: String::new(),
        wards: BTreeSet::new(),
    };
    assert_eq!(decision.check(), Ok(()));
    let empty = Decision {
        number: " ".into(),
        ..decision.clone()
    };
    assert!(empty.check().is_err());
    let late = Decision {
        date: Date::new(2101, 1, 1).unwrap_or(decision.date),
        ..decision
    };
    assert!(Date::new(2101, 1, 1).is_err() || late.check().is_err());
}
