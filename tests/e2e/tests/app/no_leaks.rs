//! Nothing leaves the machine: a whole ward workflow (first run, the year's assessment, gaps and
//! requests, print, export, import, language switch), then a province one (import, dashboard,
//! downloads, report), then an offline reload and an update check, are recorded three ways: the
//! static server's request log, the page's own resource timing entries, and Chromium's net log
//! (`--log-net-log`, every request of the browser and its service worker). Nothing in them goes
//! anywhere but the app's own origin. The release build's Content-Security-Policy is in force: no
//! violation is reported during the workflow, and a foreign fetch, a foreign image and an
//! injected inline script are all blocked.

use std::collections::BTreeSet;
use std::time::Duration;

use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::Session;
use pkm_e2e::{app, dist_dir, netlog, ward};

/// Adds the URLs of the page's resource and navigation timing entries to `urls` (the entries of
/// a document are lost when it is replaced, so call this before every reload).
fn collect_timing(s: &Session, urls: &mut BTreeSet<String>) {
    let names = s
        .execute(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name);",
            vec![],
        )
        .unwrap();
    for name in names.as_array().into_iter().flatten() {
        if let Some(name) = name.as_str() {
            urls.insert(name.to_owned());
        }
    }
}

fn console_csp_reports(s: &Session) -> Vec<String> {
    s.browser_log()
        .unwrap()
        .iter()
        .filter_map(|entry| entry["message"].as_str().map(str::to_owned))
        .filter(|message| message.contains("Content Security Policy"))
        .collect()
}

fn fill_year(s: &Session) {
    for (index, status) in ["met", "met", "expected", "not-met", "met"]
        .iter()
        .enumerate()
    {
        let id = format!("C{:02}", index + 1);
        ward::set_status(s, &id, status).unwrap();
    }
    ward::add_evidence(
        s,
        "C01",
        "12-NQ/ĐU",
        "05/01/2026",
        "Đảng ủy phường",
        "Nghị quyết lãnh đạo",
    )
    .unwrap();
    app::fill(s, "figure-C04", "97,5").unwrap();
    ward::type_note(s, "C04", "Số liệu quý III").unwrap();
    ward::wait_all_saved(s).unwrap();
    s.click(&s.wait_for("a[href='/phuong/khac-phuc']").unwrap())
        .unwrap();
    app::fill(s, "action-task", "Lắp thêm camera tổ dân phố 5").unwrap();
    app::fill(s, "action-owner", "Đội Cảnh sát khu vực").unwrap();
    s.click(&s.wait_for("[data-testid=add-action]").unwrap())
        .unwrap();
    s.wait_for("[data-testid=action-row]").unwrap();
    app::fill(s, "request-description", "Cấp thêm 2 bộ đàm").unwrap();
    s.click(&s.wait_for("[data-testid=add-request]").unwrap())
        .unwrap();
    s.wait_for("[data-testid=request-row]").unwrap();
}

#[test]
fn a_whole_ward_and_province_workflow_reaches_nothing_but_its_own_origin() {
    let server = StaticServer::start(dist_dir());
    let log_path = std::env::temp_dir().join(format!("pkm-netlog-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&log_path);
    let browser = Browser::launch_with_args(&[format!("--log-net-log={}", log_path.display())]);
    let s = browser.session();
    let mut timing: BTreeSet<String> = BTreeSet::new();

    s.goto(&server.url("/")).unwrap();
    s.wait_for_text(app::PAGE_TITLE, "Chọn nơi làm việc")
        .unwrap();
    app::wait_until_offline_ready(s).unwrap();
    s.click(&s.wait_for("a[href='/phuong']").unwrap()).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, false).unwrap();
    fill_year(s);
    s.click(&s.wait_for("a[href='/phuong/in']").unwrap())
        .unwrap();
    s.wait_for("[data-testid=print-summary]").unwrap();
    let exported = ward::export_bundle(&browser, s, "16678").unwrap();
    let again = ward::import_file(s, &exported).unwrap();
    assert!(again.contains("0 xung đột mới"), "{again}");
    let bad = pkm_e2e::workspace_root().join("tests/bundles/bad/wrong-digest.json");
    assert!(ward::import_file(s, &bad).unwrap().contains("bị từ chối"));
    for _ in 0..2 {
        s.click(&s.wait_for(app::LANG_SWITCH).unwrap()).unwrap();
    }
    collect_timing(s, &mut timing);

    // The provincial office's workflow in the same profile: import files (a config, a ward
    // bundle, the file just exported), the dashboard and its three outputs, the printable report.
    s.click(&s.wait_for("a[href='/tinh']").unwrap()).unwrap();
    s.wait_for(app::PAGE_TITLE).unwrap();
    app::click(s, "[data-testid=province-nav] a[href='/tinh/nhap']").unwrap();
    let examples = pkm_e2e::workspace_root().join("tests/bundles/examples");
    // The config's key is confirmed (read back by phone in real life); it pins the
    // signed ward bundle's key.
    let (_, lines) = app::province_import_confirming(
        s,
        &[
            examples.join("config.json"),
            examples.join("ward-signed.json"),
            exported,
        ],
        &["na"],
    )
    .unwrap();
    assert!(
        lines.iter().filter(|line| line.state == "imported").count() >= 2,
        "{lines:#?}"
    );
    app::click(s, "[data-testid=province-nav] a[href='/tinh']").unwrap();
    for (button, extension) in [
        ("download-xlsx", ".xlsx"),
        ("download-csv", ".csv"),
        ("download-bundle", ".json"),
    ] {
        #[allow(clippy::disallowed_methods)] // Downloaded files carry wall-clock times.
        let since = std::time::SystemTime::now();
        app::click(s, &format!("[data-testid={button}]")).unwrap();
        browser.wait_for_download_since(since, |name| name.ends_with(extension));
    }
    app::click(s, "[data-testid=province-nav] a[href='/tinh/bao-cao']").unwrap();
    s.wait_for("[data-testid=report]").unwrap();
    collect_timing(s, &mut timing);

    // A reload, an update check, then a reload with the network off (from the service worker).
    s.refresh().unwrap();
    s.wait_for(app::PAGE_TITLE).unwrap();
    s.execute_async(
        "const done = arguments[arguments.length - 1];
         navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => done(true), e => done(String(e)));",
        vec![],
    )
    .unwrap();
    collect_timing(s, &mut timing);
    s.set_offline(true).unwrap();
    s.goto(&server.url("/phuong")).unwrap();
    s.wait_for("[data-testid=criterion-C04]").unwrap();
    s.wait_until(Duration::from_secs(10), "the stored note", || {
        Ok((app::input_value(s, "note-C04")? == "Số liệu quý III").then_some(()))
    })
    .unwrap();
    collect_timing(s, &mut timing);
    s.set_offline(false).unwrap();

    // The whole workflow ran under the policy without a single violation.
    let reports = console_csp_reports(s);
    assert!(reports.is_empty(), "CSP violations: {reports:#?}");

    // The policy is in force: a foreign fetch, a foreign image and an injected script are blocked.
    let probe = s
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            const out = {};
            const img = new Image();
            img.onload = () => { out.image = 'loaded'; };
            img.onerror = () => { out.image = 'blocked'; };
            img.src = 'http://example.invalid/pixel.png';
            const script = document.createElement('script');
            script.textContent = 'window.__pkmInjected = true;';
            document.body.appendChild(script);
            out.script = window.__pkmInjected === true ? 'ran' : 'blocked';
            fetch('https://example.invalid/leak', { mode: 'no-cors' })
              .then(() => { out.fetch = 'sent'; }, () => { out.fetch = 'blocked'; })
              .then(() => setTimeout(() => done(out), 300));"#,
            vec![],
        )
        .unwrap();
    assert_eq!(
        probe,
        serde_json::json!({"image": "blocked", "script": "blocked", "fetch": "blocked"}),
        "the policy blocks what it must"
    );
    s.wait_until(Duration::from_secs(5), "the violation reports", || {
        let reports = console_csp_reports(s);
        Ok((reports.len() >= 3).then_some(reports))
    })
    .unwrap();
    app::screenshot(s, "no-leaks-end").unwrap();

    let served = server.log();
    let origin = server.origin();
    drop(browser);
    // Chromium completes its net log when it exits.
    let log = netlog::read(&log_path).unwrap();
    let _ = std::fs::remove_file(&log_path);

    assert!(
        served.len() >= 10,
        "the server saw the app load: {served:?}"
    );
    assert!(
        served.iter().all(|line| line.starts_with("GET ")),
        "only GET requests reached the server: {served:?}"
    );
    let foreign_timing: Vec<&String> = timing
        .iter()
        .filter(|url| netlog::origin_of(url).is_some_and(|o| o != origin))
        .collect();
    assert!(timing.len() >= 5, "timing entries: {timing:?}");
    assert!(
        foreign_timing.is_empty(),
        "the page loaded from elsewhere: {foreign_timing:?}"
    );

    // Chromium's record: everything the app's pages and service worker asked for stayed on the
    // app's origin, and every navigation went there too. The blocked probes never reached the
    // network stack.
    assert!(log.events > 100, "a real net log: {} events", log.events);
    let by_app: Vec<&netlog::UrlRequest> = log
        .requests
        .iter()
        .filter(|request| request.started_by_content())
        .collect();
    assert!(by_app.len() >= 10, "the app's requests are in the net log");
    let off_origin: Vec<&&netlog::UrlRequest> = by_app
        .iter()
        .filter(|request| {
            request.initiator.as_deref() != Some(origin.as_str())
                || netlog::origin_of(&request.url).is_some_and(|o| o != origin)
        })
        .collect();
    assert!(
        off_origin.is_empty(),
        "requests of the app off its origin: {off_origin:#?}"
    );
    let app_site = "http://127.0.0.1 http://127.0.0.1";
    let foreign_navigations: Vec<&netlog::UrlRequest> = log
        .requests
        .iter()
        .filter(|request| {
            request.request_type != "other"
                && request.isolation_key == app_site
                && netlog::origin_of(&request.url).is_some_and(|o| o != origin)
        })
        .collect();
    assert!(
        foreign_navigations.is_empty(),
        "navigations away from the app: {foreign_navigations:#?}"
    );
    // What is left is the browser's own traffic: its update, time, account and optimisation
    // services, and autofill's form-type queries, which Chromium makes for any page with forms.
    // A page cannot stop it (its policy does not apply to the browser); it is listed so that a
    // deployment can switch it off by browser policy.
    let browser_own: std::collections::BTreeSet<String> = log
        .requests
        .iter()
        .filter(|request| {
            !request.started_by_content()
                && netlog::origin_of(&request.url).is_some_and(|o| o != origin)
        })
        .filter_map(|request| netlog::origin_of(&request.url))
        .collect();
    eprintln!(
        "no leaks: {} server requests, {} timing entries, {} net log events, {} requests started by the app (all to {origin}); the browser's own services reached {browser_own:?}",
        served.len(),
        timing.len(),
        log.events,
        by_app.len(),
    );
}
