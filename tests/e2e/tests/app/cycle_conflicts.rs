//! Conflicts on the year's cycle (issue 24): two province laptops conclude the same ward
//! differently and record two different decisions for 2024; a third province laptop imports
//! both files and its conflicts screen lists the conclusion and the decision, each with both
//! values, and resolves them by keeping one; the dashboard's outcome then counts the kept ones.

use pkm_core::cycle::{Conclusion, Decision};
use pkm_core::fixtures::{self, ProvinceFixture};
use pkm_core::ids::DeviceId;
use pkm_core::version::Hlc;
use pkm_core::{AssessmentKey, Date, EditContext};
use pkm_e2e::app::{self, PAGE_TITLE};
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;

const SEED: u64 = 2478;

/// The province's file after one laptop concluded the first ward and recorded a decision.
fn laptop_file(
    fixture: &ProvinceFixture,
    device: &str,
    wall_ms: u64,
    proposed: bool,
    number: &str,
) -> String {
    let mut store = fixtures::merged_store(fixture).expect("the fixture merges");
    let ward = fixture.ward_bundles[0].ward.clone();
    let context = |logical| {
        EditContext::new(
            Hlc {
                wall_ms,
                logical,
                device: DeviceId::new(device).expect("a device id"),
            },
            format!("Cán bộ máy {device}"),
        )
    };
    let reason = if proposed {
        "Đủ điều kiện"
    } else {
        "Còn tiêu chí chưa đạt"
    };
    store
        .set_conclusion(
            &context(0),
            &AssessmentKey::new(ward.clone(), fixture.year),
            Some(Conclusion {
                proposed,
                reason: reason.into(),
            }),
        )
        .expect("the conclusion");
    let wards = if proposed {
        [ward].into_iter().collect()
    } else {
        Default::default()
    };
    store
        .record_decision(
            &context(1),
            &fixture.province,
            fixture.year,
            Decision {
                number: number.into(),
                date: Date::new(2025, 4, 22).expect("a date"),
                signer: "Bộ trưởng".into(),
                wards,
            },
        )
        .expect("the decision");
    fixtures::province_bundle_of(fixture, &store, &format!("-{device}")).expect("the file")
}

#[test]
fn two_province_laptops_disagree_on_a_conclusion_and_a_decision_and_a_person_resolves_them() {
    let fixture = fixtures::nghe_an_2024(SEED).expect("the fixture generates");
    let dir = app::temp_folder("cycle-conflicts");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("written");
        path
    };
    let files = vec![
        write("cau-hinh.json", &fixture.config_bundle),
        write(
            "may-a.json",
            &laptop_file(
                &fixture,
                "tinh-may-a",
                1_745_000_000_000,
                true,
                "2878/QĐ-BCA",
            ),
        ),
        write(
            "may-b.json",
            &laptop_file(
                &fixture,
                "tinh-may-b",
                1_745_000_005_000,
                false,
                "2879/QĐ-BCA",
            ),
        ),
    ];
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/nhap")).expect("the page opens");
    s.wait_for_text(PAGE_TITLE, "Không gian làm việc của Công an tỉnh")
        .expect("the province workspace opens");
    let province = fixture.province.to_string();
    let (_, lines) =
        app::province_import_confirming(s, &files, &[&province]).expect("the import runs");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );

    app::click(s, "[data-testid=province-nav] a[href='/tinh/xung-dot']").expect("to the conflicts");
    s.wait_for_text(
        "[data-testid=conflict-count]",
        "Có 2 giá trị đang xung đột.",
    )
    .expect("two conflicts");
    let card = |n: usize| format!("article[data-testid=conflict]:nth-of-type({n})");
    let name = &fixture.ward_bundles[0].name_vi;
    assert_eq!(
        app::text_of(s, &format!("{} h3", card(1))).expect("the title"),
        format!("Kết luận năm 2024 về “{name}”")
    );
    assert_eq!(
        app::text_of(s, &format!("{} h3", card(2))).expect("the title"),
        "Quyết định công nhận năm 2024 của “Công an tỉnh Nghệ An”"
    );
    let values = |n: usize| -> Vec<String> {
        s.find_all(&format!("{} [data-testid=conflict-value]", card(n)))
            .expect("the values")
            .iter()
            .map(|value| s.text(value).expect("its text"))
            .collect()
    };
    let conclusion = values(1);
    assert_eq!(conclusion.len(), 2);
    assert!(
        conclusion[0].starts_with("Đề nghị công nhận: Đủ điều kiện")
            && conclusion[0].contains("tinh-may-a"),
        "{conclusion:?}"
    );
    assert!(
        conclusion[1].starts_with("Không đề nghị công nhận")
            && conclusion[1].contains("tinh-may-b"),
        "{conclusion:?}"
    );
    let decision = values(2);
    assert!(
        decision[0].starts_with(
            "Quyết định số 2878/QĐ-BCA ngày 22/04/2025, Bộ trưởng: công nhận 1 đơn vị"
        ),
        "{decision:?}"
    );
    assert!(
        decision[1].starts_with("Quyết định số 2879/QĐ-BCA"),
        "{decision:?}"
    );
    assert!(
        s.find_all(&format!("{} [data-testid=conflict-rewrite]", card(1)))
            .expect("buttons")
            .is_empty(),
        "a conclusion is kept by picking, not rewritten here"
    );
    let shot = app::page_screenshot(s, "cycle-conflicts", false).expect("a screenshot");
    std::fs::copy(
        &shot,
        pkm_e2e::workspace_root().join("docs/screenshots/cycle-conflicts.png"),
    )
    .expect("copied");

    // Keep laptop A's conclusion and decision (the first values; B's are the provisional ones).
    for _ in 0..2 {
        let keep = s
            .find_all(&format!("{} [data-testid=conflict-keep]", card(1)))
            .expect("the buttons");
        let before = app::text_of(s, "[data-testid=conflict-count]").expect("the count");
        s.click(&keep[0]).expect("keep the first value");
        s.wait_until(
            std::time::Duration::from_secs(10),
            "one conflict fewer",
            || Ok((app::text_of(s, "[data-testid=conflict-count]")? != before).then_some(())),
        )
        .expect("resolved");
    }
    s.wait_for_text(
        "[data-testid=conflict-count]",
        "Có 0 giá trị đang xung đột.",
    )
    .expect("no conflict left");
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    let outcome = s
        .wait_until(std::time::Duration::from_secs(20), "the outcome", || {
            let text = app::text_of(s, "[data-testid=cycle-outcome]")?;
            Ok(text.contains("2878/QĐ-BCA").then_some(text))
        })
        .expect("the kept decision");
    assert!(
        outcome.contains("đề nghị công nhận: 1 (") && outcome.contains("được công nhận: 1 ("),
        "{outcome}"
    );
}
