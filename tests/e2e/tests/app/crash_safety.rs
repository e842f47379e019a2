//! Crash safety: the browser is killed with SIGKILL (every Chromium process at once, no shutdown)
//! at a random moment while an officer edits, then started again on the same profile; every edit
//! whose "Đã lưu" was seen before the kill must be there, and nothing may be newer than what was
//! typed. 100 rounds by default (`PKM_CRASH_ROUNDS`), with a fixed seed (`PKM_CRASH_SEED`) so a
//! failure replays the same kills; each round prints what it did.
//!
//! Notes only ever grow (each edit appends a marker), so "everything confirmed is there" is "the
//! note starts with the confirmed text" and "nothing invented" is "the note is a prefix of what
//! was typed". A status must be the confirmed one or one chosen after it.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use pkm_e2e::browser::Browser;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, WdResult};
use pkm_e2e::{app, dist_dir, ward};

/// xorshift64*: small, fast, and the same sequence on every machine for one seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const STATUSES: [&str; 4] = ["met", "expected", "not-met", "not-assessed"];

/// What the test knows of one criterion.
#[derive(Clone, Debug, Default)]
struct Expected {
    /// The note as last seen saved (or read back after a restart).
    note_confirmed: String,
    /// The note as last typed (it extends `note_confirmed`).
    note_typed: String,
    /// The status last seen saved (or read back).
    status_confirmed: String,
    /// Statuses chosen after that, not seen saved.
    status_later: Vec<String>,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|text| {
            let text = text.trim();
            match text.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16).ok(),
                None => text.parse().ok(),
            }
        })
        .unwrap_or(default)
}

/// Every criterion's status and note, as shown.
fn shown(s: &Session) -> WdResult<BTreeMap<String, (String, String)>> {
    s.wait_for("[data-testid=criterion-C20]")?;
    let rows = s.execute(
        "return Array.from({length: 20}, (_, i) => {
           const id = 'C' + String(i + 1).padStart(2, '0');
           const card = document.querySelector('[data-testid=criterion-' + id + ']');
           return [id, card.dataset.status, document.getElementById('note-' + id).value];
         });",
        vec![],
    )?;
    Ok(rows
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| {
            Some((
                row[0].as_str()?.to_owned(),
                (row[1].as_str()?.to_owned(), row[2].as_str()?.to_owned()),
            ))
        })
        .collect())
}

/// Checks what the page shows after a restart against what was confirmed and typed, then takes
/// it as the new confirmed state.
fn check_and_settle(
    round: u64,
    expected: &mut BTreeMap<String, Expected>,
    seen: &BTreeMap<String, (String, String)>,
) {
    for (id, (status, note)) in seen {
        let known = expected.entry(id.clone()).or_insert_with(|| Expected {
            status_confirmed: "not-assessed".into(),
            ..Expected::default()
        });
        assert!(
            note.starts_with(&known.note_confirmed),
            "round {round}, {id}: a saved note was lost.\n  saved: {:?}\n  shown: {note:?}",
            known.note_confirmed
        );
        assert!(
            known.note_typed.starts_with(note.as_str()),
            "round {round}, {id}: the note is not what was typed.\n  typed: {:?}\n  shown: {note:?}",
            known.note_typed
        );
        assert!(
            *status == known.status_confirmed || known.status_later.contains(status),
            "round {round}, {id}: status {status:?}, saved {:?}, chosen later {:?}",
            known.status_confirmed,
            known.status_later
        );
        *known = Expected {
            note_confirmed: note.clone(),
            note_typed: note.clone(),
            status_confirmed: status.clone(),
            status_later: Vec::new(),
        };
    }
}

/// One random edit; returns `Err` once the browser is gone.
fn edit(
    s: &Session,
    rng: &mut Rng,
    round: u64,
    step: u64,
    expected: &mut BTreeMap<String, Expected>,
    confirmed: &mut u64,
) -> WdResult<()> {
    let id = format!("C{:02}", rng.below(20) + 1);
    let known = expected.get_mut(&id).expect("every criterion is known");
    if rng.below(10) < 6 {
        let marker = format!(" v{round}.{step}");
        known.note_typed.push_str(&marker);
        let note = s.wait_for(&format!("#note-{id}"))?;
        // Keys go to the end of the text: the note only grows.
        s.send_keys(&note, &marker)?;
    } else {
        let status = STATUSES[rng.below(4) as usize];
        known.status_later.push(status.to_owned());
        ward::set_status(s, &id, status)?;
    }
    match rng.below(4) {
        0 | 1 => {
            ward::wait_criterion_saved(s, &id)?;
            // "Đã lưu" is on screen for everything typed into this criterion so far.
            let known = expected.get_mut(&id).expect("known");
            known.note_confirmed = known.note_typed.clone();
            if let Some(status) = known.status_later.pop() {
                known.status_confirmed = status;
            }
            known.status_later.clear();
            *confirmed += 1;
        }
        // Leave the field: the change is written at once, without waiting to see it saved.
        2 => s.send_keys(&s.wait_for(&format!("#note-{id}"))?, "\u{E004}")?,
        // Go on typing elsewhere while the change waits for its quiet delay.
        _ => {}
    }
    Ok(())
}

#[test]
fn killing_the_browser_at_random_moments_loses_no_edit_shown_as_saved() {
    let rounds = env_number("PKM_CRASH_ROUNDS", 100);
    let seed = env_number("PKM_CRASH_SEED", 0x5eed_c0de_2026);
    let mut rng = Rng(seed.max(1));
    let server = StaticServer::start(dist_dir());
    let mut browser = Browser::launch();
    {
        let s = browser.session();
        s.goto(&server.url("/phuong")).unwrap();
        ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
        ward::start_assessment(s, false).unwrap();
    }
    let mut expected: BTreeMap<String, Expected> = BTreeMap::new();
    check_and_settle(0, &mut expected, &shown(browser.session()).unwrap());
    let started = Instant::now();
    let (mut edits, mut confirmed, mut killed) = (0u64, 0u64, 0usize);
    for round in 1..=rounds {
        let round_started = Instant::now();
        let delay = Duration::from_millis(rng.below(2_000));
        let steps = rng.below(4) + 1;
        let killer = browser.killer();
        let kill = std::thread::spawn(move || {
            std::thread::sleep(delay);
            killer.kill()
        });
        let mut done = 0;
        {
            let s = browser.session();
            for step in 0..steps {
                if edit(s, &mut rng, round, step, &mut expected, &mut confirmed).is_err() {
                    break;
                }
                done += 1;
            }
        }
        edits += done;
        killed += kill.join().expect("the killer thread ends");
        browser.start_after_crash();
        let s = browser.session();
        s.goto(&server.url("/phuong")).unwrap();
        let seen = shown(s).unwrap();
        check_and_settle(round, &mut expected, &seen);
        eprintln!(
            "round {round}/{rounds}: {done}/{steps} edits, killed after {delay:?}, checked in {:?}",
            round_started.elapsed()
        );
        if round == 1 {
            app::screenshot(s, "crash-after-restart").unwrap();
        }
    }
    eprintln!(
        "{rounds} kills ({killed} processes) in {:?} (seed {seed:#x}): {edits} edits, {confirmed} seen saved, none lost",
        started.elapsed()
    );
    assert!(confirmed > 0 || rounds < 5, "some edits were seen saved");
}
