//! Three years side by side (issue 24, step 4, with step 6's "a ward's three-year view"), built
//! through real imports of the generated Nghệ An 2023, 2024 and 2025 files: the province
//! imports every year, proposes a ward for 2024 and records the Minister's decision, and its
//! dashboard compares the three years, the SVG's columns carrying the counts the core computes
//! from the same files; a ward laptop imports its own three years and sees, beside each
//! criterion, its status in 2023 and 2024 while it assesses 2025. Screenshots go to
//! `docs/screenshots/`; axe checks both screens.

use std::path::{Path, PathBuf};
use std::time::Duration;

use pkm_core::fixtures::ProvinceFixture;
use pkm_core::fixtures::years::{merged_years, nghe_an_years};
use pkm_core::years::{YearResults, year_over_year};
use pkm_core::{AssessmentKey, Basis, CriterionId};
use pkm_e2e::app::{self, PAGE_TITLE};
use pkm_e2e::axe;
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::ward;
use pkm_e2e::webdriver::Session;

const SEED: u64 = 2025;
const WARD: &str = "na-vinh-le-mao";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("a generated file can be written");
    path
}

fn copy_to_docs(from: &Path, name: &str) {
    let target = pkm_e2e::workspace_root()
        .join("docs/screenshots")
        .join(name);
    std::fs::copy(from, &target).expect("the screenshot is copied to docs/");
}

/// Runs axe on the screen shown now: no serious or critical violation.
fn assert_axe(s: &Session, screen: &str) {
    axe::assert_clean(s, screen);
}

fn select(s: &Session, selector: &str, value: &str) {
    let element = s.wait_for(selector).expect("the list");
    s.execute(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![element.as_arg(), serde_json::Value::String(value.into())],
    )
    .expect("chosen");
}

fn scroll_to(s: &Session, selector: &str) {
    s.execute(
        "document.querySelector(arguments[0]).scrollIntoView();",
        vec![serde_json::Value::String(selector.into())],
    )
    .expect("in view");
}

/// Every year's config and ward files, written to `dir`, configs first.
fn files(dir: &Path, fixtures: &[ProvinceFixture]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fixtures
        .iter()
        .map(|fixture| {
            write(
                dir,
                &format!("cau-hinh-{}.json", fixture.year),
                &fixture.config_bundle,
            )
        })
        .collect();
    for fixture in fixtures {
        for bundle in &fixture.ward_bundles {
            let name = format!("{}-{}.json", bundle.ward, fixture.year);
            files.push(write(dir, &name, &bundle.json));
        }
    }
    files
}

/// The province: the reviewer named, every year imported, `WARD` proposed for 2024 and the
/// decision recognising it recorded.
fn province_with_three_years(
    s: &Session,
    server: &StaticServer,
    fixtures: &[ProvinceFixture],
    dir: &Path,
) {
    s.goto(&server.url("/tinh/thiet-lap"))
        .expect("the page opens");
    s.wait_for_text(PAGE_TITLE, "Không gian làm việc của Công an tỉnh")
        .expect("the province workspace opens");
    app::fill(s, "office-reviewer", "Đ/c Lê Thẩm Định").expect("the reviewer");
    app::wait_saved(s).expect("the profile is saved");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").expect("to the import");
    let province = fixtures[0].province.to_string();
    let (_, lines) = app::province_import_confirming(s, &files(dir, fixtures), &[&province])
        .expect("the import runs");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    select(s, "#choice-year", "2024");
    app::click(s, "[data-testid=province-nav] a[href='/tinh/xet-duyet']").expect("to the review");
    select(s, "[data-testid=review-ward]", WARD);
    app::click(s, "#cycle-proposed-yes").expect("proposed");
    app::fill(s, "cycle-reason", "Giữ vững danh hiệu").expect("the reason");
    app::click(s, "[data-testid=conclusion-save]").expect("save the conclusion");
    s.wait_for_text("[data-testid=conclusion-message]", "Đã lưu")
        .expect("the conclusion is saved");
    app::fill(s, "decision-number", "2878/QĐ-BCA").expect("the number");
    app::fill(s, "decision-date", "22/04/2025").expect("the date");
    app::fill(s, "decision-signer", "Bộ trưởng").expect("the signer");
    app::click(s, "[data-testid=decision-save]").expect("save the decision");
    s.wait_for_text("[data-testid=decision-message]", "Đã lưu")
        .expect("the decision is saved");
}

/// A column's total and its segments' values as the SVG carries them.
fn column(s: &Session, year: u16, series: &str) -> (String, Vec<(String, String)>) {
    let selector = format!("[data-testid=years-chart] [data-year='{year}'] [data-series={series}]");
    let found = s.wait_for(&selector).expect("the column");
    let total = s
        .attribute(&found, "data-total")
        .expect("its total")
        .unwrap_or_default();
    let segments = s
        .find_all(&format!("{selector} rect[data-fill]"))
        .expect("its segments")
        .iter()
        .map(|rect| {
            (
                s.attribute(rect, "data-fill").unwrap().unwrap_or_default(),
                s.attribute(rect, "data-value").unwrap().unwrap_or_default(),
            )
        })
        .collect();
    (total, segments)
}

/// What the columns of `year` must carry: the core's counts, zero segments left out.
fn expected_track(results: &pkm_core::years::TrackResults) -> (String, Vec<(String, String)>) {
    let segments = [
        ("reached", results.reached),
        ("expected", results.expected),
        ("not-reached", results.not_reached),
    ]
    .into_iter()
    .filter(|(_, value)| *value > 0)
    .map(|(fill, value)| (fill.to_owned(), value.to_string()))
    .collect();
    (results.total().to_string(), segments)
}

fn check_dashboard(s: &Session, expected: &[YearResults]) {
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    select(s, "#choice-year", "2025");
    s.wait_for("[data-testid=years-chart] [data-year='2023']")
        .expect("the chart of 2023");
    for year in expected {
        assert_eq!(
            column(s, year.year, "maintain"),
            expected_track(&year.maintain),
            "{}",
            year.year
        );
        assert_eq!(
            column(s, year.year, "new"),
            expected_track(&year.new),
            "{}",
            year.year
        );
        let recognised = usize::from(year.year == 2024);
        assert_eq!(
            column(s, year.year, "proposed").0,
            recognised.to_string(),
            "{}",
            year.year
        );
        assert_eq!(
            column(s, year.year, "recognised").0,
            recognised.to_string(),
            "{}",
            year.year
        );
        let top = year.misses.first().map_or(0, |miss| miss.wards.len());
        let bar = format!(
            "[data-testid=years-misses-chart] [data-year='{}'] [data-value]",
            year.year
        );
        let first = s.find_all(&bar).expect("the misses");
        let shown = first
            .first()
            .map(|bar| s.attribute(bar, "data-value").unwrap().unwrap_or_default());
        assert_eq!(
            shown.unwrap_or_else(|| "0".into()),
            top.to_string(),
            "{}",
            year.year
        );
    }
    let rows = s
        .find_all("[data-testid=years-table] tbody tr")
        .expect("the table");
    assert_eq!(
        rows.len(),
        3,
        "three years, and no more: nothing else is held"
    );
    let description = app::text_of(s, "#years-svg-desc").unwrap_or_default();
    let description = if description.is_empty() {
        s.execute(
            "return document.querySelector('#years-svg-desc').textContent;",
            vec![],
        )
        .expect("the description")
        .as_str()
        .unwrap_or_default()
        .to_owned()
    } else {
        description
    };
    assert!(
        description.contains("2024, Được công nhận: 1"),
        "{description}"
    );
    assert_axe(s, "the dashboard with the years side by side");
    scroll_to(s, "[data-testid=years-comparison]");
    let shot = app::screenshot(s, "years-province-results").expect("a screenshot");
    copy_to_docs(&shot, "years-province-results.png");
    scroll_to(s, "[data-testid=years-misses-chart]");
    let shot = app::screenshot(s, "years-province-misses").expect("a screenshot");
    copy_to_docs(&shot, "years-province-misses.png");
}

/// The ward laptop: the 2025 config (the province's key confirmed), the ward chosen, its own
/// three years imported.
fn ward_with_three_years(
    s: &Session,
    server: &StaticServer,
    fixtures: &[ProvinceFixture],
    dir: &Path,
) {
    let latest = &fixtures[2];
    s.goto(&server.url("/phuong")).expect("the ward page");
    s.wait_for("#config-file").expect("the first run");
    app::upload(
        s,
        "#config-file",
        &[write(dir, "cau-hinh-phuong.json", &latest.config_bundle)],
    )
    .expect("chosen");
    ward::confirm_question(s, latest.province.as_str()).expect("the province's key confirmed");
    s.wait_for("#config-ward").expect("the ward list");
    select(s, "#config-ward", WARD);
    app::fill(s, "config-officer", "Phan Văn Đức").expect("the officer");
    app::click(s, "#from-config-title ~ form button[type=submit]").expect("start");
    s.wait_for("[data-testid=ward-unit]")
        .expect("the ward is chosen");
    for fixture in fixtures {
        let own = fixture
            .ward_bundles
            .iter()
            .find(|bundle| bundle.ward.as_str() == WARD)
            .expect("the ward's file of the year");
        let line = ward::import_file(
            s,
            &write(dir, &format!("cua-phuong-{}.json", fixture.year), &own.json),
        )
        .expect("the ward's own file");
        assert!(!line.contains("bị từ chối"), "{line}");
    }
}

fn check_ward(s: &Session, store: &pkm_core::Store) {
    app::click(s, "nav.pkm-subnav a[href='/phuong']").expect("to the assessment");
    select(s, "#year", "2025");
    s.wait_until(Duration::from_secs(20), "2025 shown", || {
        let value = s.property(&s.wait_for("#year")?, "value")?;
        Ok((value.as_str() == Some("2025")).then_some(()))
    })
    .expect("the year");
    s.wait_for("[data-testid=criterion-C01]")
        .expect("the 2025 criteria");
    for criterion in ["C01", "C02", "C11", "C20"] {
        let id = CriterionId::new(criterion).unwrap();
        for year in [2023u16, 2024] {
            let status = store
                .assessment(&AssessmentKey::new(
                    pkm_core::UnitId::new(WARD).unwrap(),
                    year,
                ))
                .and_then(|doc| doc.entry(&id))
                .map(|entry| entry.status)
                .unwrap_or_default();
            let slug = match status {
                pkm_core::CriterionStatus::Met => "met",
                pkm_core::CriterionStatus::Expected => "expected",
                pkm_core::CriterionStatus::NotMet => "not-met",
                pkm_core::CriterionStatus::NotAssessed => "not-assessed",
            };
            s.wait_for_attribute(
                &format!("[data-testid=years-{criterion}] li[data-year='{year}']"),
                "data-status",
                slug,
            )
            .expect("the year's status beside the criterion");
        }
        let shown = s
            .find_all(&format!("[data-testid=years-{criterion}] li"))
            .expect("the years");
        assert_eq!(shown.len(), 2, "2023 and 2024 beside 2025");
    }
    assert_axe(s, "the ward's criteria with their earlier years");
    scroll_to(s, "[data-testid=criterion-C01]");
    let shot = app::screenshot(s, "years-ward-criteria").expect("a screenshot");
    copy_to_docs(&shot, "years-ward-criteria.png");
}

#[test]
fn three_years_side_by_side_at_the_province_and_at_the_ward() {
    let fixtures = nghe_an_years(SEED).expect("the fixtures generate");
    let store = merged_years(&fixtures).expect("the years merge");
    let expected = year_over_year(
        &store,
        &fixtures[0].province,
        2025,
        Basis::SelfAssessed,
        fixtures[2].today,
    )
    .expect("the core's figures");
    assert_eq!(expected.len(), 3);
    let dir = app::temp_folder("years-three");
    let server = StaticServer::start(dist_dir());
    let province_browser = Browser::launch();
    let p = province_browser.session();
    province_with_three_years(p, &server, &fixtures, &dir);
    check_dashboard(p, &expected);

    let ward_browser = Browser::launch();
    let w = ward_browser.session();
    ward_with_three_years(w, &server, &fixtures, &dir);
    check_ward(w, &store);
}
