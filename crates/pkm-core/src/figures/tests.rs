//! Unit tests of the figures and of the summary paragraph's wording.

use super::*;
use crate::assessment::{CriterionEntry, ReviewVerdict};
use crate::fixtures;
use crate::ids::DeviceId;
use crate::register::EditContext;
use crate::version::Hlc;

fn nghe_an() -> (Store, ProvinceFigures) {
    let fixture = fixtures::nghe_an_2024(7).unwrap();
    let store = fixtures::merged_store(&fixture).unwrap();
    let figures = ProvinceFigures::compute(
        &store,
        &fixture.province,
        2024,
        Basis::SelfAssessed,
        fixture.today,
    )
    .unwrap();
    (store, figures)
}

fn province_context(wall_ms: u64) -> EditContext {
    EditContext::new(
        Hlc {
            wall_ms,
            logical: 0,
            device: DeviceId::new("tinh-na").unwrap(),
        },
        "Tổ thẩm định",
    )
}

fn with_counts(
    maintained: (usize, usize),
    new: (usize, usize),
    quota: Option<u32>,
) -> ProvinceFigures {
    let (_, mut figures) = nghe_an();
    figures.maintained = TrackFigures {
        total: maintained.0,
        complete: 0,
        expected_complete: maintained.1,
    };
    figures.new = TrackFigures {
        total: new.0,
        complete: 0,
        expected_complete: new.1,
    };
    figures.quota = quota;
    figures.quota_progress = QuotaProgress::of(new.0, quota);
    figures
}

#[test]
fn nghe_an_headline_figures_and_paragraph() {
    let (_, figures) = nghe_an();
    assert_eq!(figures.maintained.total, 16);
    assert_eq!(figures.maintained.expected_complete, 14);
    assert_eq!(figures.new.total, 8);
    assert_eq!(figures.new.expected_complete, 7);
    assert_eq!(figures.quota, Some(4));
    assert_eq!(
        figures.quota_progress,
        QuotaProgress::Exceeded { percent: 100.0 }
    );
    assert_eq!(figures.criteria_total, Some(20));
    assert_eq!(figures.conflicts, 0);
    assert!(figures.wards_without_assessment.is_empty());
    assert_eq!(
        summary_paragraph_vi(&figures),
        "Năm 2024, có 16 Công an phường duy trì mô hình kiểu mẫu, trong đó có 14/16 Công an phường dự kiến đạt 20/20 tiêu chí; có 8 Công an phường xây dựng mới (chỉ tiêu Bộ giao 4, vượt 100%), trong đó có 7/8 Công an phường dự kiến đạt 20/20 tiêu chí."
    );
    assert_eq!(
        summary_paragraph_en(&figures),
        "In 2024, 16 ward police units are maintaining the model status, of which 14/16 are expected to meet 20/20 criteria; 8 ward police units are newly building it (Ministry quota 4, exceeded by 100%), of which 7/8 are expected to meet 20/20 criteria."
    );
}

#[test]
fn paragraph_handles_quota_not_reached_no_quota_and_zero_wards() {
    let short = with_counts((3, 3), (3, 1), Some(4));
    assert_eq!(
        summary_paragraph_vi(&short),
        "Năm 2024, có 3 Công an phường duy trì mô hình kiểu mẫu, trong đó có 3/3 Công an phường dự kiến đạt 20/20 tiêu chí; có 3 Công an phường xây dựng mới (chỉ tiêu Bộ giao 4, đạt 75% chỉ tiêu), trong đó có 1/3 Công an phường dự kiến đạt 20/20 tiêu chí."
    );
    let reached = with_counts((1, 0), (4, 4), Some(4));
    assert_eq!(
        summary_paragraph_vi(&reached),
        "Năm 2024, có 1 Công an phường duy trì mô hình kiểu mẫu, trong đó chưa có Công an phường nào dự kiến đạt 20/20 tiêu chí; có 4 Công an phường xây dựng mới (chỉ tiêu Bộ giao 4, đạt 100% chỉ tiêu), trong đó có 4/4 Công an phường dự kiến đạt 20/20 tiêu chí."
    );
    assert_eq!(
        summary_paragraph_en(&reached),
        "In 2024, 1 ward police unit is maintaining the model status, none of which is yet expected to meet 20/20 criteria; 4 ward police units are newly building it (Ministry quota 4, 100% reached), of which 4/4 are expected to meet 20/20 criteria."
    );
    let none = with_counts((0, 0), (0, 0), None);
    assert_eq!(
        summary_paragraph_vi(&none),
        "Năm 2024, không có Công an phường nào duy trì mô hình kiểu mẫu; không có Công an phường nào xây dựng mới (chưa có chỉ tiêu Bộ giao)."
    );
    let thirds = with_counts((2, 1), (7, 7), Some(3));
    assert!(summary_paragraph_vi(&thirds).contains("(chỉ tiêu Bộ giao 3, vượt 133,3%)"));
    let zero_quota = with_counts((2, 1), (1, 1), Some(0));
    assert!(summary_paragraph_vi(&zero_quota).contains("(Bộ không giao chỉ tiêu)"));
}

#[test]
fn paragraph_mentions_missing_assessments_and_conflicts() {
    let mut figures = with_counts((2, 2), (1, 1), Some(1));
    figures.wards_without_assessment = vec![UnitId::new("x").unwrap(), UnitId::new("y").unwrap()];
    figures.conflicts = 3;
    let paragraph = summary_paragraph_vi(&figures);
    assert!(paragraph.ends_with(
        "đạt 100% chỉ tiêu), trong đó có 1/1 Công an phường dự kiến đạt 20/20 tiêu chí. Còn 2 Công an phường chưa có bản tự đánh giá năm 2024. Các số liệu trên tạm tính theo 3 giá trị đang có xung đột dữ liệu chưa được xử lý."
    ), "{paragraph}");
    assert!(summary_paragraph_en(&figures).ends_with("2 ward police units have no 2024 self-assessment yet. These figures are provisional: they depend on 3 values in unresolved conflict."));
}

#[test]
fn per_middle_unit_figures_add_up() {
    let (_, figures) = nghe_an();
    let rows: Vec<(Option<&str>, usize, usize, usize, usize)> = figures
        .per_middle
        .iter()
        .map(|row| {
            (
                row.unit.as_ref().map(UnitId::as_str),
                row.maintained.total,
                row.maintained.expected_complete,
                row.new.total,
                row.new.expected_complete,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some("na-cua-lo"), 4, 3, 2, 1),
            (Some("na-hoang-mai"), 2, 2, 2, 2),
            (Some("na-thai-hoa"), 0, 0, 1, 1),
            (Some("na-vinh"), 10, 9, 3, 3),
        ]
    );
    assert_eq!(figures.maintained.complete + figures.new.complete, 10);
}

#[test]
fn misses_requests_and_actions_are_totalled() {
    let (store, figures) = nghe_an();
    let missing: usize = figures.misses.iter().map(|miss| miss.wards.len()).sum();
    assert_eq!(missing, 4, "Cửa Nam misses 1, Thu Thủy 2, Nghi Hương 1");
    assert!(
        figures
            .misses
            .windows(2)
            .all(|pair| pair[0].wards.len() >= pair[1].wards.len())
    );
    let request_count: usize = figures.requests.iter().map(|total| total.count).sum();
    let live_requests: usize = store
        .assessments()
        .values()
        .map(|doc| doc.live_requests().count())
        .sum();
    assert_eq!(request_count, live_requests);
    assert_eq!(figures.requests.len(), 7);
    let open: usize = store
        .assessments()
        .values()
        .map(|doc| {
            doc.live_actions()
                .filter(|item| item.status == ActionStatus::Open)
                .count()
        })
        .sum();
    assert_eq!(figures.open_actions.len(), open);
    assert_eq!(
        figures.overdue_actions,
        figures
            .open_actions
            .iter()
            .filter(|row| row.item.is_overdue(&figures.today))
            .count()
    );
    assert!(figures.open_actions.windows(2).all(|pair| {
        (pair[0].item.deadline.is_none(), pair[0].item.deadline)
            <= (pair[1].item.deadline.is_none(), pair[1].item.deadline)
    }));
}

#[test]
fn after_review_a_disputed_criterion_counts_as_not_met() {
    let (mut store, _) = nghe_an();
    let key = AssessmentKey::new(UnitId::new("na-vinh-le-mao").unwrap(), 2024);
    let criterion = CriterionId::new("C06").unwrap();
    let verdict = ReviewVerdict {
        verdict: Verdict::Disagree,
        comment: "Trụ sở chưa đạt chuẩn".to_string(),
        reviewer: "Đ/c Thẩm định".to_string(),
    };
    store
        .set_review(
            &province_context(1_734_500_000_000),
            &key,
            &criterion,
            Some(verdict),
        )
        .unwrap();
    let today = Date::new(2024, 12, 18).unwrap();
    let province = UnitId::new("na").unwrap();
    let self_assessed =
        ProvinceFigures::compute(&store, &province, 2024, Basis::SelfAssessed, today).unwrap();
    let reviewed =
        ProvinceFigures::compute(&store, &province, 2024, Basis::AfterReview, today).unwrap();
    assert_eq!(self_assessed.maintained.expected_complete, 14);
    assert_eq!(reviewed.maintained.expected_complete, 13);
    assert!(summary_paragraph_vi(&reviewed).starts_with("Năm 2024, theo kết quả họp xét, có 16 Công an phường duy trì mô hình kiểu mẫu, trong đó có 13/16"));
    let doc = store.assessment(&key).unwrap();
    let catalogue = store.catalogue_of(&key).unwrap();
    let figures = AssessmentFigures::compute(doc, catalogue, Basis::AfterReview);
    assert_eq!(figures.disputed, vec![criterion.clone()]);
    assert_eq!(figures.unmet, vec![criterion]);
    assert!(!figures.expected_complete);
}

#[test]
fn assessment_figures_count_statuses_and_groups() {
    let (mut store, _) = nghe_an();
    let key = AssessmentKey::new(UnitId::new("na-vinh-le-mao").unwrap(), 2024);
    let context = EditContext::new(
        Hlc {
            wall_ms: 1_734_600_000_000,
            logical: 0,
            device: DeviceId::new("may-na-vinh-le-mao").unwrap(),
        },
        "Đ/c Hùng",
    );
    store
        .set_criterion(
            &context,
            &key,
            &CriterionId::new("C01").unwrap(),
            CriterionEntry::with_status(CriterionStatus::Expected),
        )
        .unwrap();
    store
        .set_criterion(
            &context,
            &key,
            &CriterionId::new("C02").unwrap(),
            CriterionEntry::with_status(CriterionStatus::NotAssessed),
        )
        .unwrap();
    let figures = AssessmentFigures::compute(
        store.assessment(&key).unwrap(),
        store.catalogue_of(&key).unwrap(),
        Basis::SelfAssessed,
    );
    assert_eq!(figures.total, 20);
    assert_eq!(
        figures.counts,
        StatusCounts {
            met: 18,
            expected: 1,
            not_met: 0,
            not_assessed: 1
        }
    );
    assert_eq!(
        figures.groups[0].counts,
        StatusCounts {
            met: 0,
            expected: 1,
            not_met: 0,
            not_assessed: 1
        }
    );
    assert_eq!(
        figures
            .groups
            .iter()
            .map(|group| group.total)
            .sum::<usize>(),
        20
    );
    assert_eq!(figures.unmet, vec![CriterionId::new("C02").unwrap()]);
    assert_eq!(figures.expected, vec![CriterionId::new("C01").unwrap()]);
    assert!(!figures.complete && !figures.expected_complete);
}

#[test]
fn conflicts_are_counted_and_provisional_winners_used() {
    let (mut store, _) = nghe_an();
    let key = AssessmentKey::new(UnitId::new("na-vinh-le-mao").unwrap(), 2024);
    let criterion = CriterionId::new("C05").unwrap();
    let mut other = store.clone();
    let ward = EditContext::new(
        Hlc {
            wall_ms: 1_734_600_000_000,
            logical: 0,
            device: DeviceId::new("may-na-vinh-le-mao").unwrap(),
        },
        "Đ/c Hùng",
    );
    let laptop = EditContext::new(
        Hlc {
            wall_ms: 1_734_600_000_500,
            logical: 0,
            device: DeviceId::new("may-2").unwrap(),
        },
        "Đ/c Lan",
    );
    store
        .set_criterion(
            &ward,
            &key,
            &criterion,
            CriterionEntry::with_status(CriterionStatus::Met),
        )
        .unwrap();
    other
        .set_criterion(
            &laptop,
            &key,
            &criterion,
            CriterionEntry::with_status(CriterionStatus::NotMet),
        )
        .unwrap();
    store.merge(&other);
    let figures = ProvinceFigures::compute(
        &store,
        &UnitId::new("na").unwrap(),
        2024,
        Basis::SelfAssessed,
        Date::new(2024, 12, 18).unwrap(),
    )
    .unwrap();
    assert_eq!(figures.conflicts, 1);
    assert_eq!(
        figures.maintained.expected_complete, 13,
        "the later edit (not met) wins provisionally"
    );
}

#[test]
fn wards_without_assessment_and_errors() {
    let (mut store, _) = nghe_an();
    let extra = crate::unit::Unit {
        id: UnitId::new("na-vinh-ben-thuy").unwrap(),
        code: None,
        name_vi: "Công an phường Bến Thủy".to_string(),
        kind: UnitKind::Ward,
        parent: Some(UnitId::new("na-vinh").unwrap()),
        attachment_limits: None,
    };
    store
        .upsert_unit(&province_context(1_734_700_000_000), extra)
        .unwrap();
    let today = Date::new(2024, 12, 18).unwrap();
    let figures = ProvinceFigures::compute(
        &store,
        &UnitId::new("na").unwrap(),
        2024,
        Basis::SelfAssessed,
        today,
    )
    .unwrap();
    assert_eq!(
        figures.wards_without_assessment,
        vec![UnitId::new("na-vinh-ben-thuy").unwrap()]
    );
    assert_eq!(
        ProvinceFigures::compute(
            &store,
            &UnitId::new("na-vinh").unwrap(),
            2024,
            Basis::SelfAssessed,
            today
        )
        .err(),
        Some(FiguresError::NotAProvince(UnitId::new("na-vinh").unwrap()))
    );
    let error = ProvinceFigures::compute(
        &store,
        &UnitId::new("zz").unwrap(),
        2024,
        Basis::SelfAssessed,
        today,
    )
    .unwrap_err();
    assert_eq!(error.message_vi(), "Không tìm thấy đơn vị “zz”.");
}

#[test]
fn quota_progress_compares_new_wards_with_the_quota() {
    assert_eq!(
        QuotaProgress::of(8, Some(4)),
        QuotaProgress::Exceeded { percent: 100.0 }
    );
    assert_eq!(QuotaProgress::of(4, Some(4)), QuotaProgress::Reached);
    assert_eq!(
        QuotaProgress::of(1, Some(4)),
        QuotaProgress::Short {
            missing: 3,
            percent_of_quota: 25.0
        }
    );
    assert_eq!(QuotaProgress::of(1, None), QuotaProgress::NoQuota);
    assert_eq!(QuotaProgress::of(1, Some(0)), QuotaProgress::ZeroQuota);
}

#[test]
fn a_retired_entry_changes_no_figure() {
    let (mut store, _) = nghe_an();
    let key = AssessmentKey::new(UnitId::new("na-vinh-le-mao").unwrap(), 2024);
    let draft = store.catalogue_of(&key).unwrap().clone();
    let c21 = CriterionId::new("C21").unwrap();
    // The draft with one more criterion, C21.
    let mut wider = draft.clone();
    wider.id = CatalogueId::new("bo-rong-hon").unwrap();
    let mut extra = wider.groups[0].criteria[0].clone();
    extra.id = c21.clone();
    wider.groups[0].criteria.push(extra);
    store.add_catalogue(wider.clone()).unwrap();
    let before = store.clone();
    // The ward moves to the wider catalogue, meets C21, the province disputes it, and the ward
    // moves back: C21's entry and verdict are retired.
    let mut wall_ms = 1_734_600_000_000;
    let mut ward = || {
        wall_ms += 1_000;
        EditContext::new(
            Hlc {
                wall_ms,
                logical: 0,
                device: DeviceId::new("may-na-vinh-le-mao").unwrap(),
            },
            "Đ/c Hùng",
        )
    };
    store
        .set_assessment_catalogue(&ward(), &key, &wider.id)
        .unwrap();
    store
        .set_criterion(
            &ward(),
            &key,
            &c21,
            CriterionEntry::with_status(CriterionStatus::NotMet),
        )
        .unwrap();
    let verdict = ReviewVerdict {
        verdict: Verdict::Disagree,
        comment: "Chưa đạt".to_string(),
        reviewer: "Đ/c Thẩm định".to_string(),
    };
    store
        .set_review(
            &province_context(1_734_700_000_000),
            &key,
            &c21,
            Some(verdict),
        )
        .unwrap();
    store
        .set_assessment_catalogue(&ward(), &key, &draft.id)
        .unwrap();
    assert_eq!(store.retired_criteria(&key), [c21]);

    let today = Date::new(2024, 12, 18).unwrap();
    let province = UnitId::new("na").unwrap();
    for basis in [Basis::SelfAssessed, Basis::AfterReview] {
        let with = ProvinceFigures::compute(&store, &province, 2024, basis, today).unwrap();
        let without = ProvinceFigures::compute(&before, &province, 2024, basis, today).unwrap();
        assert_eq!(with, without, "{basis:?}");
        assert_eq!(
            crate::dashboard::Matrix::build(&with, &store, &store.registry()),
            crate::dashboard::Matrix::build(&without, &before, &before.registry())
        );
        assert_eq!(
            AssessmentFigures::compute(store.assessment(&key).unwrap(), &draft, basis),
            AssessmentFigures::compute(before.assessment(&key).unwrap(), &draft, basis)
        );
    }
    assert_eq!(
        crate::review_sheet::review_sheet(store.assessment(&key).unwrap(), &draft),
        crate::review_sheet::review_sheet(before.assessment(&key).unwrap(), &draft)
    );
}
