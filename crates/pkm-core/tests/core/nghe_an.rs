//! The Nghệ An 2024 fixture: its figures and paragraph are exact and do not depend on the order
//! in which ward bundles are merged, nor on some being merged twice.

use pkm_core::fixtures::{self, merge_in_order};
use pkm_core::{Basis, ProvinceFigures, summary_paragraph_vi};
use proptest::prelude::*;

const PARAGRAPH: &str = "Năm 2024, có 16 Công an phường duy trì mô hình kiểu mẫu, trong đó có 14/16 Công an phường dự kiến đạt 20/20 tiêu chí; có 8 Công an phường xây dựng mới (chỉ tiêu Bộ giao 4, vượt 100%), trong đó có 7/8 Công an phường dự kiến đạt 20/20 tiêu chí.";

fn figures(store: &pkm_core::Store, fixture: &fixtures::ProvinceFixture) -> ProvinceFigures {
    ProvinceFigures::compute(
        store,
        &fixture.province,
        fixture.year,
        Basis::SelfAssessed,
        fixture.today,
    )
    .unwrap()
}

#[test]
fn fixture_has_24_ward_bundles_and_reproduces_the_meeting_figures() {
    let fixture = fixtures::nghe_an_2024(1).unwrap();
    assert_eq!(fixture.ward_bundles.len(), 24);
    let store = fixtures::merged_store(&fixture).unwrap();
    let figures = figures(&store, &fixture);
    assert_eq!(
        (
            figures.maintained.total,
            figures.maintained.expected_complete
        ),
        (16, 14)
    );
    assert_eq!((figures.new.total, figures.new.expected_complete), (8, 7));
    assert_eq!(figures.quota, Some(4));
    assert_eq!(summary_paragraph_vi(&figures), PARAGRAPH);
}

#[test]
fn generation_is_deterministic_per_seed() {
    let one = fixtures::nghe_an_2024(5).unwrap();
    let again = fixtures::nghe_an_2024(5).unwrap();
    let other = fixtures::nghe_an_2024(6).unwrap();
    assert_eq!(one, again);
    assert_ne!(one.ward_bundles, other.ward_bundles);
    let figures_other = figures(&fixtures::merged_store(&other).unwrap(), &other);
    assert_eq!(
        summary_paragraph_vi(&figures_other),
        PARAGRAPH,
        "the seed changes details, not the headline"
    );
}

#[test]
fn a_large_province_can_be_generated() {
    let fixture = fixtures::large_province(3, 60).unwrap();
    let store = fixtures::merged_store(&fixture).unwrap();
    let figures = figures(&store, &fixture);
    let assessed = fixture.ward_bundles.len();
    assert_eq!(figures.wards.len(), assessed);
    assert_eq!(figures.wards_without_assessment.len() + assessed, 60);
    assert_eq!(
        figures.maintained.total + figures.new.total + figures.untracked,
        assessed
    );
    assert!(figures.per_middle.len() >= 3);
}

#[test]
fn every_ward_of_the_benchmark_province_sends_a_full_assessment() {
    let fixture = fixtures::every_ward_assessed(5, 40).unwrap();
    assert_eq!(fixture.ward_bundles.len(), 40, "one bundle per ward");
    let store = fixtures::merged_store(&fixture).unwrap();
    let figures = figures(&store, &fixture);
    assert!(figures.wards_without_assessment.is_empty());
    for doc in store.assessments().values() {
        assert_eq!(doc.criteria().len(), 20, "all 20 criteria filled");
    }
}

#[test]
fn the_merged_province_bundle_reads_back_as_the_merged_store() {
    let fixture = fixtures::nghe_an_2024(2).unwrap();
    let text = fixtures::province_bundle(&fixture).unwrap();
    let bundle = pkm_core::read_bundle(text.as_bytes(), &pkm_core::Limits::default()).unwrap();
    assert_eq!(bundle.kind, pkm_core::BundleKind::Province);
    assert_eq!(bundle.header.unit_id, fixture.province);
    let store = fixtures::merged_store(&fixture).unwrap();
    assert_eq!(
        bundle.content.assessments().len(),
        fixture.ward_bundles.len()
    );
    assert_eq!(
        figures(&bundle.content, &fixture),
        figures(&store, &fixture),
        "the bundle carries the province's figures"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn figures_do_not_depend_on_merge_order_or_repeats(
        order in Just((0..24usize).collect::<Vec<_>>()).prop_shuffle(),
        repeats in prop::collection::vec(0..24usize, 0..6),
    ) {
        let fixture = fixtures::nghe_an_2024(1).unwrap();
        let in_order = merge_in_order(&fixture, &(0..24).collect::<Vec<_>>()).unwrap();
        let mut shuffled_order = order.clone();
        shuffled_order.extend(repeats);
        let shuffled = merge_in_order(&fixture, &shuffled_order).unwrap();
        prop_assert_eq!(&shuffled, &in_order);
        let expected = figures(&in_order, &fixture);
        let found = figures(&shuffled, &fixture);
        prop_assert_eq!(&found, &expected);
        prop_assert_eq!(summary_paragraph_vi(&found), PARAGRAPH);
    }
}
