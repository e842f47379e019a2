//! The level above the provinces (issue 28): the Ministry's registry and three provinces' merged
//! bundles (Huế, 40 units; Lai Châu, 38; Điện Biên, 45; full entries, 2025) imported through the province's
//! import screen; the dashboard then shows the whole country, a line per province and the
//! totals the core computes from the same files; a province's name opens its own dashboard
//! with its units, and "the whole country" in the province box comes back. Axe checks the
//! country's screen; its screenshot goes to `docs/screenshots/province-country.png`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use pkm_core::figures::country::CountryFigures;
use pkm_core::fixtures::country;
use pkm_core::{Basis, Date, Limits, Store, read_bundle};
use pkm_e2e::app::{self, PAGE_TITLE};
use pkm_e2e::browser::Browser;
use pkm_e2e::dist_dir;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;

const SEED: u64 = 2025;
const ROWS: &str = "[data-testid=country-provinces] tbody tr[data-province]";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the file is written");
    path
}

/// The registry and three provinces' files, and the country's figures the core computes from
/// them.
fn files() -> (Vec<PathBuf>, CountryFigures) {
    let dir = app::temp_folder("country");
    let (registry, _) = country::registry().expect("the Ministry's registry");
    let mut texts = vec![("registry.json".to_string(), registry)];
    for number in [1, 2, 3] {
        let file = country::province_file(SEED, number).expect("a province's bundle");
        texts.push((format!("{number:02}-{}.json", file.province), file.json));
    }
    let mut store = Store::new();
    for (_, text) in &texts {
        let bundle = read_bundle(text.as_bytes(), &Limits::default()).expect("reads");
        store.merge(&bundle.content);
    }
    // The figures checked here do not depend on the day (only overdue items do).
    let today = Date::new(2025, 12, 18).expect("a day");
    let figures =
        CountryFigures::compute_in(&store, &store.registry(), 2025, Basis::SelfAssessed, today);
    let paths = texts
        .iter()
        .map(|(name, text)| write(&dir, name, text))
        .collect();
    (paths, figures)
}

fn cell(s: &Session, row: &str, column: usize) -> String {
    app::text_of(
        s,
        &format!("{ROWS}[data-province='{row}'] > :nth-child({column})"),
    )
    .expect("the cell")
}

#[test]
fn the_whole_country_shows_a_line_per_province_and_opens_each_provinces_own_dashboard() {
    let (files, expected) = files();
    assert_eq!(expected.provinces.len(), 3);
    let server = StaticServer::start(dist_dir());
    let browser = Browser::launch();
    let s = browser.session();
    s.goto(&server.url("/tinh/nhap")).expect("the page opens");
    s.wait_for(PAGE_TITLE)
        .expect("the province workspace opens");
    let (_, lines) =
        app::province_import_confirming(s, &files, &[country::MINISTRY]).expect("the import runs");
    assert!(
        lines.iter().all(|line| line.state == "imported"),
        "{lines:#?}"
    );
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").expect("to the dashboard");
    s.wait_until(Duration::from_secs(20), "a line per province", || {
        Ok((s.find_all(ROWS)?.len() == 3).then_some(()))
    })
    .expect("three provinces' lines");
    // Nothing was chosen and the store holds three provinces' units: the whole country.
    let select = s.wait_for("#choice-province").expect("the province box");
    assert_eq!(
        s.execute("return arguments[0].value;", vec![select.as_arg()])
            .expect("its value")
            .as_str(),
        Some("*")
    );
    assert_eq!(
        app::text_of(s, "[data-testid=country-maintained-total]").expect("shown"),
        expected.total.maintained.total.to_string()
    );
    assert_eq!(
        app::text_of(s, "[data-testid=country-new-total]").expect("shown"),
        expected.total.new.total.to_string()
    );
    for line in &expected.provinces {
        let id = line.province.as_str();
        assert_eq!(cell(s, id, 1), line.name_vi);
        assert_eq!(cell(s, id, 2), line.counts.assessed.to_string());
        assert_eq!(cell(s, id, 3), line.counts.maintained.total.to_string());
        assert_eq!(cell(s, id, 6), line.counts.new.total.to_string());
    }
    let scope = app::text_of(s, "[data-testid=country-scope]").expect("the scope line");
    assert!(
        scope.starts_with("Năm 2025 — cả nước: 3 tỉnh, thành phố, 123 đơn vị có tự đánh giá"),
        "{scope}"
    );
    let top = &expected.misses[0];
    let first_miss = app::text_of(s, "[data-testid=country-misses] tbody tr").expect("a row");
    assert!(
        first_miss.ends_with(&top.units.to_string()),
        "{first_miss} / {top:?}"
    );
    pkm_e2e::axe::assert_clean(s, "/tinh (the whole country)");
    let shot = app::full_page_screenshot(s, "province-country").expect("screenshot");
    copy_to_docs(&shot, "province-country.png");

    // Huế's name opens its own dashboard: its 40 units in the matrix.
    let hue = &expected
        .provinces
        .iter()
        .find(|line| line.province.as_str() == "hue");
    let hue = hue.expect("Huế's line");
    app::click(s, &format!("{ROWS}[data-province='hue'] button")).expect("Huế opens");
    s.wait_until(Duration::from_secs(20), "Huế's units", || {
        let rows = s.find_all("[data-testid=matrix] tbody tr[data-ward]")?;
        Ok((rows.len() == hue.counts.assessed).then_some(()))
    })
    .expect("one matrix row per unit of Huế");
    assert!(s.find_all(ROWS).expect("query").is_empty());
    // Back to the whole country through the province box.
    s.execute(
        "const el = arguments[0]; el.value = '*'; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![s.wait_for("#choice-province").expect("the box").as_arg()],
    )
    .expect("chosen");
    s.wait_until(Duration::from_secs(20), "the provinces again", || {
        Ok((s.find_all(ROWS)?.len() == 3).then_some(()))
    })
    .expect("the whole country again");
}

fn copy_to_docs(from: &Path, name: &str) {
    let target = pkm_e2e::workspace_root()
        .join("docs/screenshots")
        .join(name);
    std::fs::create_dir_all(target.parent().expect("a parent")).expect("docs/screenshots");
    std::fs::copy(from, &target).expect("the screenshot is copied to docs/");
}
