//! Crash safety: the browser is killed with SIGKILL (every Chromium process at once, no shutdown)
//! while an officer edits, then started again on the same profile. After every restart each
//! criterion must show everything whose "Đã lưu" was seen before the kill, and nothing newer than
//! what was typed. 100 rounds by default (`PKM_CRASH_ROUNDS`), with a fixed seed
//! (`PKM_CRASH_SEED`) so a failure replays the same choices; each round prints what it did.
//!
//! Two kinds of rounds, chosen by the seed. In a *random* round a thread kills the browser after
//! a random delay while edits go on. In an *aimed* round (about 60 %) the earlier edits are first
//! seen saved, then one last edit starts a write at once (the note is left, or a status chosen).
//! A hook the test puts in the page (around `IDBTransaction.prototype.commit`) stops that write
//! where the app asks IndexedDB to commit it, and holds the page's thread from there: it writes
//! a line with the criterion's save state to the console, which Chromium copies into its log,
//! loops for a random 0 to 2.5 ms, lets the commit go, then loops for 5 s. The test reads
//! Chromium's log and kills the browser as soon as it sees that line: so the kill lands before
//! the commit is asked, while IndexedDB (in another process) commits it, or after. A round is
//! counted as killed mid-write when the criterion showed "Đang lưu…" as the hold began and the
//! signal was sent before the hold could end: nothing of the page runs while it is held, so
//! "Đã lưu" cannot have appeared before the kill. At least a third of all rounds must be
//! counted so; after the restart each says whether its write was found committed or cut.
//!
//! Notes only ever grow: each edit appends a marker, as one input event, so any note the app
//! saves ends at a marker. After a restart a note must be the confirmed text followed by none,
//! some or all of the markers appended after it, in order and each whole: everything confirmed
//! is there, an unconfirmed edit is whole or absent, never torn, and nothing is invented. A status
//! must be the confirmed one or one chosen after it.
//!
//! Chromium's own store can be lost after a kill, whatever the app does: IndexedDB keeps its data
//! in LevelDB, whose log a kill can leave ending in half a record (seen here about once in a
//! hundred kills aimed at the start of a write). The next start drops that half record, and the data is all there; but it
//! then appends to the same log (LevelDB's `reuse_logs`, which Chromium turns on), so the start
//! after that finds a checksum mismatch in the middle of the log, and Chromium deletes the whole
//! database ("IndexedDB recovering from a corrupted (and deleted) database"; google/leveldb#1287).
//! So after each kill the test reads the profile's LevelDB logs: when one ends in a half record,
//! the round is checked as usual after the restart, counted, and the test goes on with a fresh
//! profile and a ward set up again. Any other loss fails the test, and the failure says what
//! Chromium logged (`target/e2e/crash-chromium.log`), what the database holds and what files it
//! is made of.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pkm_e2e::browser::{Browser, Killer};
use pkm_e2e::processes::ReadyKill;
use pkm_e2e::server::StaticServer;
use pkm_e2e::webdriver::{Session, WdResult, WebDriverError, keys};
use pkm_e2e::{app, dist_dir, store_dump, ward};
use serde_json::{Value, json};

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

/// How many rounds in a hundred are aimed at a write in flight.
const AIMED_PERCENT: u64 = 60;

/// What the test knows of one criterion.
#[derive(Clone, Debug, Default)]
struct Expected {
    /// The note as last seen saved (or read back after a restart).
    note_confirmed: String,
    /// The markers appended since, in order, not seen saved.
    markers_later: Vec<String>,
    /// The status last seen saved (or read back).
    status_confirmed: String,
    /// Statuses chosen after that, not seen saved.
    status_later: Vec<String>,
}

impl Expected {
    /// The note as last typed.
    fn note_typed(&self) -> String {
        let mut note = self.note_confirmed.clone();
        note.extend(self.markers_later.iter().map(String::as_str));
        note
    }

    /// The status as last chosen.
    fn status_shown(&self) -> &str {
        self.status_later
            .last()
            .unwrap_or(&self.status_confirmed)
            .as_str()
    }
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

/// Fails the test when the criteria do not come up after a restart, with what the page shows
/// instead, its console and a screenshot.
fn not_shown(
    s: &Session,
    profile: &Path,
    chromium_log: &Path,
    round: u64,
    device: &str,
    error: &WebDriverError,
) -> ! {
    let page = s.execute(
        "return location.href + '\\n' + document.body.innerText.slice(0, 2000);",
        vec![],
    );
    let console = s.browser_log();
    let shot = app::screenshot(s, &format!("crash-round-{round}"));
    // What the database holds: how many records per store, and the keys of the small ones.
    let stores = store_dump::dump(s).map(|dump| {
        dump.as_object()
            .into_iter()
            .flatten()
            .map(|(store, records)| {
                let records = records.as_array().cloned().unwrap_or_default();
                let keys: Vec<String> =
                    records.iter().map(|record| record[0].to_string()).collect();
                if keys.len() <= 8 {
                    format!("{store}: {}", keys.join(", "))
                } else {
                    format!("{store}: {} records", keys.len())
                }
            })
            .collect::<Vec<_>>()
    });
    // Where Chromium keeps the origin's databases, file by file.
    let mut files = Vec::new();
    let mut todo = vec![
        profile.join("Default/IndexedDB"),
        profile.join("Default/WebStorage"),
    ];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            match entry.metadata() {
                Ok(meta) if meta.is_dir() => todo.push(path),
                Ok(meta) => files.push(format!(
                    "{} ({} bytes)",
                    path.strip_prefix(profile).unwrap_or(&path).display(),
                    meta.len()
                )),
                Err(_) => {}
            }
        }
    }
    files.sort();
    let said = chromium_said(chromium_log);
    let why = if wiped(&said) {
        "Chromium found the app's IndexedDB corrupt after the kill and deleted it: everything \
         saved in it, shown as saved, is lost (a loss of the browser's storage, not a write of \
         the app's left half done)"
    } else {
        "the criteria are not shown after the restart"
    };
    panic!(
        "round {round}: {why} ({error}).\n  Chromium's log ({}):\n    {}\n  page: {page:?}\n  \
         device id at the start: {device}\n  database now: {stores:?}\n  console: {console:?}\n  \
         screenshot: {shot:?}\n  Chromium's storage files:\n    {}",
        chromium_log.display(),
        said.join("\n    "),
        files.join("\n    ")
    )
}

/// What Chromium logged about its databases when it last started.
fn chromium_said(chromium_log: &Path) -> Vec<String> {
    std::fs::read_to_string(chromium_log)
        .unwrap_or_default()
        .lines()
        .filter(|line| {
            let line = line.to_lowercase();
            line.contains("indexed_db") || line.contains("leveldb") || line.contains("corrupt")
        })
        .map(str::to_owned)
        .collect()
}

/// Whether Chromium says it deleted a database it found corrupt.
fn wiped(said: &[String]) -> bool {
    said.iter()
        .any(|line| line.contains("corrupted (and deleted) database"))
}

/// The device id the status bar shows.
fn device_id(s: &Session) -> WdResult<String> {
    s.text(&s.wait_for("[data-testid=status-device] code")?)
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
            "round {round}, {id}: a note shown as saved was lost.\n  saved: {:?}\n  shown: {note:?}",
            known.note_confirmed
        );
        // The confirmed text and then whole markers, in the order they were appended.
        let mut rest = &note[known.note_confirmed.len()..];
        for marker in &known.markers_later {
            match rest.strip_prefix(marker.as_str()) {
                Some(after) => rest = after,
                None => break,
            }
        }
        assert!(
            rest.is_empty(),
            "round {round}, {id}: the note is not the saved text followed by whole markers \
             (an edit not shown as saved must be whole or absent).\n  saved: {:?}\n  \
             appended since: {:?}\n  shown: {note:?}\n  left over: {rest:?}",
            known.note_confirmed,
            known.markers_later
        );
        assert!(
            *status == known.status_confirmed || known.status_later.contains(status),
            "round {round}, {id}: status {status:?}, saved {:?}, chosen later {:?}",
            known.status_confirmed,
            known.status_later
        );
        *known = Expected {
            note_confirmed: note.clone(),
            markers_later: Vec::new(),
            status_confirmed: status.clone(),
            status_later: Vec::new(),
        };
    }
}

/// Appends `text` to a criterion's note as one input event (as a paste or an input method's
/// commit does), with the caret at the end: the app sees the note before or after all of it,
/// never a part, so any note it saves ends at a boundary of what was appended.
fn append_to_note(s: &Session, criterion: &str, text: &str) -> WdResult<()> {
    let focused = s.execute(
        "const note = document.getElementById('note-' + arguments[0]);
         note.focus();
         note.setSelectionRange(note.value.length, note.value.length);
         return document.activeElement === note;",
        vec![Value::String(criterion.to_owned())],
    )?;
    if focused != Value::Bool(true) {
        return Err(WebDriverError(format!(
            "the note of {criterion} cannot take the focus"
        )));
    }
    s.cdp("Input.insertText", json!({ "text": text })).map(drop)
}

/// How long the page's hook holds the page's thread once it let the aimed write's commit go.
const HOLD: Duration = Duration::from_secs(5);

/// How long after the test's script returns the page starts the aimed write: ChromeDriver is
/// done with the page by then (while the page is held, it could not answer).
const START_AFTER: Duration = Duration::from_millis(100);

/// How [`start_write`] makes a criterion write at once.
#[derive(Clone, Copy, Debug)]
enum WriteNow<'a> {
    /// Leave the note (which has the focus): its pending change is written at once.
    LeaveNote,
    /// Choose this status: the change is written at once.
    ChooseStatus(&'a str),
}

/// Arms the page's hook, and has the page start a write of one criterion [`START_AFTER`] the
/// script returns; returns `armed` (or why not).
///
/// The hook wraps `IDBTransaction.prototype.commit`: when the app next commits a read-write
/// transaction over the assessments, it writes `pkm-crash-hold round <round>: <criterion>
/// <state>` to the console (Chromium copies it into its log) with the save indicator's state,
/// loops for `before_commit`, lets the commit go, then loops for [`HOLD`]: it holds the page's
/// thread all that time, so no event of the page, and no "Đã lưu", can be handled until then.
fn start_write(
    s: &Session,
    round: u64,
    criterion: &str,
    how: WriteNow,
    before_commit: Duration,
) -> WdResult<String> {
    let (action, status) = match how {
        WriteNow::LeaveNote => ("leave-note", ""),
        WriteNow::ChooseStatus(status) => ("choose-status", status),
    };
    let state = s.execute(
        "const [id, action, status, round, holdMs, beforeCommitMs, startMs] = arguments;
         const indicator = document.querySelector(
           '[data-testid=criterion-' + id + '] [data-testid=save-status]');
         if (!window.pkmCrashHold) {
           const commit = IDBTransaction.prototype.commit;
           const hold = { armed: null };
           IDBTransaction.prototype.commit = function (...args) {
             const armed = hold.armed;
             if (armed && this.mode === 'readwrite'
                 && this.objectStoreNames.contains('assessments')) {
               hold.armed = null;
               armed(() => commit.apply(this, args));
               return;
             }
             return commit.apply(this, args);
           };
           window.pkmCrashHold = hold;
         }
         window.pkmCrashHold.armed = (commit) => {
           console.log('pkm-crash-hold round ' + round + ': ' + id + ' '
             + indicator.dataset.state);
           const asked = performance.now() + beforeCommitMs;
           while (performance.now() < asked) {}
           try {
             commit();
           } finally {
             const end = performance.now() + holdMs;
             while (performance.now() < end) {}
           }
         };
         const note = document.getElementById('note-' + id);
         if (action === 'leave-note' && document.activeElement !== note) {
           return 'note-not-focused';
         }
         setTimeout(() => {
           if (action === 'leave-note') {
             note.blur();
           } else {
             document.getElementById('status-' + id + '-' + status).click();
           }
         }, startMs);
         return 'armed';",
        vec![
            Value::String(criterion.to_owned()),
            Value::String(action.to_owned()),
            Value::String(status.to_owned()),
            json!(round),
            json!(HOLD.as_millis() as u64),
            json!(before_commit.as_secs_f64() * 1000.0),
            json!(START_AFTER.as_millis() as u64),
        ],
    )?;
    Ok(state.as_str().unwrap_or_default().to_owned())
}

/// Waits (up to `timeout`) for the page's hook to say in Chromium's log that it holds the
/// page; returns the save indicator's state it saw then.
fn wait_for_hold(
    chromium_log: &Path,
    round: u64,
    criterion: &str,
    timeout: Duration,
) -> Option<String> {
    let tag = format!("pkm-crash-hold round {round}: {criterion} ");
    let deadline = Instant::now() + timeout;
    loop {
        let log = std::fs::read(chromium_log).unwrap_or_default();
        let log = String::from_utf8_lossy(&log);
        if let Some(at) = log.find(&tag) {
            let state: String = log[at + tag.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            return Some(state);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// Waits until a criterion says "Đã lưu"; a failure says what it shows instead.
fn wait_saved(s: &Session, criterion: &str) -> WdResult<()> {
    ward::wait_criterion_saved(s, criterion).map_err(|error| {
        let state = ward::criterion_save_state(s, criterion).unwrap_or_else(|e| e.0);
        let text = s
            .execute(
                "return document.querySelector('[data-testid=criterion-' + arguments[0]
                   + '] [data-testid=save-status]').textContent;",
                vec![Value::String(criterion.to_owned())],
            )
            .map(|text| text.to_string())
            .unwrap_or_else(|e| e.0);
        WebDriverError(format!("{error} (it shows {state:?}: {text})"))
    })
}

/// Takes everything typed into a criterion so far as confirmed ("Đã lưu" is on screen for it).
fn confirm(known: &mut Expected) {
    known.note_confirmed = known.note_typed();
    known.markers_later.clear();
    if let Some(status) = known.status_later.pop() {
        known.status_confirmed = status;
    }
    known.status_later.clear();
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
        known.markers_later.push(marker.clone());
        // The note only grows: the marker goes to the end of the text.
        append_to_note(s, &id, &marker)?;
    } else {
        let status = another_status(rng, known);
        known.status_later.push(status.to_owned());
        ward::set_status(s, &id, status)?;
    }
    match rng.below(4) {
        0 | 1 => {
            wait_saved(s, &id)?;
            confirm(expected.get_mut(&id).expect("known"));
            *confirmed += 1;
        }
        // Leave the field: the change is written at once, without waiting to see it saved.
        2 => s.send_keys(&s.wait_for(&format!("#note-{id}"))?, keys::TAB)?,
        // Go on typing elsewhere while the change waits for its quiet delay.
        _ => {}
    }
    Ok(())
}

/// Leaves the field being edited (which writes its change at once rather than after the quiet
/// delay), waits until no criterion shows "Đang lưu…", then takes every criterion that shows
/// "Đã lưu" as confirmed; returns how many had unconfirmed changes.
fn confirm_all_saved(s: &Session, expected: &mut BTreeMap<String, Expected>) -> WdResult<u64> {
    s.execute("document.activeElement?.blur();", vec![])?;
    ward::wait_all_saved(s)?;
    let states = s.execute(
        "return Array.from(document.querySelectorAll('[data-testid^=criterion-C]'), (card) =>
           [card.dataset.testid.slice('criterion-'.length),
            card.querySelector('[data-testid=save-status]').dataset.state]);",
        vec![],
    )?;
    let mut count = 0;
    for row in states.as_array().into_iter().flatten() {
        let (Some(id), Some("saved")) = (row[0].as_str(), row[1].as_str()) else {
            continue;
        };
        if let Some(known) = expected.get_mut(id)
            && (!known.markers_later.is_empty() || !known.status_later.is_empty())
        {
            confirm(known);
            count += 1;
        }
    }
    Ok(count)
}

/// The last edit of an aimed round, which starts a write at once; the browser is killed while
/// the page is held at that write's commit.
struct Aimed {
    /// The criterion.
    id: String,
    /// The marker appended to its note, or the status chosen.
    change: AimedChange,
    /// The save indicator's state as the hold began, if it was seen to begin.
    held: Option<String>,
    /// Whether the signal was sent before the hold could end.
    in_hold: bool,
    /// How long the hook held the page before it let the commit go.
    before_commit: Duration,
    /// How many processes the signal was sent to.
    killed: usize,
}

impl Aimed {
    /// Whether the kill provably landed between "Đang lưu…" and "Đã lưu".
    fn mid_write(&self) -> bool {
        self.in_hold && self.held.as_deref() == Some("saving")
    }
}

enum AimedChange {
    Note(String),
    Status(String),
}

fn aimed_edit(
    s: &Session,
    killer: &Killer,
    chromium_log: &Path,
    rng: &mut Rng,
    round: u64,
    expected: &mut BTreeMap<String, Expected>,
    confirmed: &mut u64,
) -> WdResult<Aimed> {
    // Only the aimed write is in flight when the page is held.
    *confirmed += confirm_all_saved(s, expected)?;
    let id = format!("C{:02}", rng.below(20) + 1);
    let known = expected.get_mut(&id).expect("every criterion is known");
    let (change, how) = if rng.below(2) == 0 {
        let marker = format!(" k{round}");
        known.markers_later.push(marker.clone());
        append_to_note(s, &id, &marker)?;
        (AimedChange::Note(marker), WriteNow::LeaveNote)
    } else {
        let status = another_status(rng, known);
        known.status_later.push(status.to_owned());
        (
            AimedChange::Status(status.to_owned()),
            WriteNow::ChooseStatus(status),
        )
    };
    // Mostly shorter than it takes the test to see the hold (about 1 to 2 ms here): so the kill
    // lands before the commit is asked, or while IndexedDB commits, or after.
    let before_commit = Duration::from_micros(rng.below(2_500));
    // The signal is made ready first, so that it leaves as soon as it is fired.
    let kill = ReadyKill::new(&killer.processes());
    // The page cannot be held before this moment.
    let armed_at = Instant::now();
    let started = start_write(s, round, &id, how, before_commit);
    let held = match &started {
        Ok(armed) if armed == "armed" => {
            wait_for_hold(chromium_log, round, &id, Duration::from_secs(3))
        }
        _ => None,
    };
    let fired = kill.fire();
    started?;
    Ok(Aimed {
        id,
        change,
        in_hold: fired.sent_by < armed_at + HOLD,
        held,
        before_commit,
        killed: fired.processes,
    })
}

/// A status other than the one shown (choosing the one shown changes nothing, and nothing is
/// written).
fn another_status(rng: &mut Rng, known: &Expected) -> &'static str {
    let others: Vec<&str> = STATUSES
        .into_iter()
        .filter(|status| *status != known.status_shown())
        .collect();
    others[rng.below(others.len() as u64) as usize]
}

/// The LevelDB logs (`*.log` and `MANIFEST-*` files) under `profile`'s IndexedDB that end in
/// the middle of a record.
fn torn_leveldb_logs(profile: &Path) -> Vec<PathBuf> {
    let mut torn = Vec::new();
    let databases = std::fs::read_dir(profile.join("Default/IndexedDB"));
    for database in databases.into_iter().flatten().flatten() {
        if !database.file_name().to_string_lossy().ends_with(".leveldb") {
            continue;
        }
        for file in std::fs::read_dir(database.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = file.file_name().to_string_lossy().into_owned();
            if (name.ends_with(".log") || name.starts_with("MANIFEST-"))
                && std::fs::read(file.path()).is_ok_and(|log| ends_mid_record(&log))
            {
                torn.push(file.path());
            }
        }
    }
    torn
}

/// Whether a LevelDB log ends in the middle of a record, as when its writer was killed between
/// the `write`s of one record: blocks of 32 KiB of records, each a 7-byte header (checksum,
/// length, type: 1 whole, 2 first, 3 middle, 4 last fragment) and its payload; a block's last
/// 6 bytes or fewer are padding. LevelDB reads such an end as the end of the log and drops it.
fn ends_mid_record(log: &[u8]) -> bool {
    const BLOCK: usize = 32 * 1024;
    const HEADER: usize = 7;
    let mut at = 0;
    let mut in_fragments = false;
    while at < log.len() {
        let left_in_block = BLOCK - at % BLOCK;
        if left_in_block < HEADER {
            at += left_in_block;
            continue;
        }
        if log.len() - at < HEADER {
            return true;
        }
        let length = usize::from(u16::from_le_bytes([log[at + 4], log[at + 5]]));
        let kind = log[at + 6];
        if kind == 0 && length == 0 {
            // Zeros: LevelDB skips the rest of the block.
            at += left_in_block;
            continue;
        }
        if log.len() - at - HEADER < length {
            return true;
        }
        in_fragments = matches!(kind, 2 | 3);
        at += HEADER + length;
    }
    in_fragments
}

/// Starts a browser on a new profile, sets the ward up and starts an assessment; returns the
/// browser, what each criterion shows and the device id.
fn fresh_ward(
    server: &StaticServer,
    chromium_log: &Path,
) -> (Browser, BTreeMap<String, Expected>, String) {
    let browser = Browser::launch_with_args(&[
        "--enable-logging".to_owned(),
        format!("--log-file={}", chromium_log.display()),
    ]);
    let s = browser.session();
    s.goto(&server.url("/phuong")).unwrap();
    ward::set_up_by_hand(s, &ward::HUNG_DUNG).unwrap();
    ward::start_assessment(s, false).unwrap();
    let mut expected = BTreeMap::new();
    check_and_settle(0, &mut expected, &shown(s).unwrap());
    let device = device_id(s).unwrap();
    (browser, expected, device)
}

#[test]
fn a_log_cut_inside_a_record_is_found() {
    // One whole record (header: checksum, length 3, type 1), then fragments.
    let whole = [0, 0, 0, 0, 3, 0, 1, b'a', b'b', b'c'];
    assert!(!ends_mid_record(&[]));
    assert!(!ends_mid_record(&whole));
    for cut in 1..whole.len() {
        assert!(ends_mid_record(&whole[..cut]), "cut after {cut} bytes");
    }
    let first = [0, 0, 0, 0, 1, 0, 2, b'a'];
    let last = [0, 0, 0, 0, 1, 0, 4, b'b'];
    assert!(ends_mid_record(&[&whole[..], &first].concat()));
    assert!(!ends_mid_record(&[&whole[..], &first, &last].concat()));
    // A record ending 3 bytes before the end of its block: those are padding.
    let mut block = vec![0, 0, 0, 0, 0xf6, 0x7f, 1];
    block.resize(32 * 1024 - 3, b'x');
    assert!(!ends_mid_record(&block));
    block.extend([0, 0, 0]);
    assert!(!ends_mid_record(&block));
    block.extend(&whole[..4]);
    assert!(ends_mid_record(&block));
}

#[test]
fn killing_the_browser_at_random_moments_loses_no_edit_shown_as_saved() {
    let rounds = env_number("PKM_CRASH_ROUNDS", 100);
    let seed = env_number("PKM_CRASH_SEED", 0x5eed_c0de_2026);
    let mut rng = Rng(seed.max(1));
    let server = StaticServer::start(dist_dir());
    // Chromium's own log of each start (it starts the file afresh each time): the page's hook
    // writes there, and it says why a database it opens is gone.
    let chromium_log = pkm_e2e::artefact_dir().join("crash-chromium.log");
    let _ = std::fs::remove_file(&chromium_log);
    let (mut browser, mut expected, mut device) = fresh_ward(&server, &chromium_log);
    let started = Instant::now();
    let (mut edits, mut confirmed, mut killed, mut outlived) = (0u64, 0u64, 0usize, 0usize);
    // Aimed rounds; those killed while a write was in flight, between "Đang lưu…" and
    // "Đã lưu"; of those, the ones whose write was found committed after the restart, and the
    // ones found cut; kills that left a LevelDB log ending in half a record.
    let (mut aimed_rounds, mut mid_write, mut mid_write_committed, mut mid_write_cut) =
        (0u64, 0u64, 0u64, 0u64);
    let mut torn_logs = 0u64;
    for round in 1..=rounds {
        let round_started = Instant::now();
        let aimed = rng.below(100) < AIMED_PERCENT;
        let steps = rng.below(4) + 1;
        let mut done = 0;
        let what = if aimed {
            aimed_rounds += 1;
            // Some edits first, then the one the kill aims at.
            let last = {
                let s = browser.session();
                for step in 0..steps - 1 {
                    edit(s, &mut rng, round, step, &mut expected, &mut confirmed)
                        .expect("the browser runs until the aimed kill");
                    done += 1;
                }
                done += 1;
                aimed_edit(
                    s,
                    &browser.killer(),
                    &chromium_log,
                    &mut rng,
                    round,
                    &mut expected,
                    &mut confirmed,
                )
                .expect("an aimed edit")
            };
            // Whatever Chromium started since the list was made, and wait until all are gone.
            killed += last.killed + browser.kill();
            Some(last)
        } else {
            let delay = Duration::from_millis(rng.below(1_500));
            let killer = browser.killer();
            let kill = std::thread::spawn(move || {
                std::thread::sleep(delay);
                killer.kill()
            });
            {
                let s = browser.session();
                for step in 0..steps {
                    if edit(s, &mut rng, round, step, &mut expected, &mut confirmed).is_err() {
                        break;
                    }
                    done += 1;
                }
            }
            killed += kill.join().expect("the killer thread ends");
            eprint!("round {round}/{rounds}: {done}/{steps} edits, killed after {delay:?}");
            None
        };
        edits += done;
        // Nothing of the killed browser may hold its profile when it starts again.
        let holders = browser.profile_holders();
        if !holders.is_empty() {
            eprint!(
                " ({} processes outlived the kill holding the profile: killed)",
                holders.len()
            );
            outlived += ReadyKill::new(&holders).fire().processes;
        }
        let torn = torn_leveldb_logs(browser.profile());
        browser.start_after_crash();
        let s = browser.session();
        s.goto(&server.url("/phuong")).unwrap();
        let seen = shown(s).unwrap_or_else(|error| {
            not_shown(s, browser.profile(), &chromium_log, round, &device, &error)
        });
        if let Some(aimed) = &what {
            let (status, note) = &seen[&aimed.id];
            let (change, committed) = match &aimed.change {
                AimedChange::Note(marker) => (format!("note +{marker:?}"), note.contains(marker)),
                AimedChange::Status(chosen) => (format!("status {chosen}"), status == chosen),
            };
            let outcome = if aimed.mid_write() {
                mid_write += 1;
                if committed {
                    mid_write_committed += 1;
                    "the write had committed"
                } else {
                    mid_write_cut += 1;
                    "the write was cut, the change is absent"
                }
            } else {
                "not counted"
            };
            let held = match &aimed.held {
                Some(state) if aimed.in_hold => format!(
                    "the page held at its commit showing {state:?}, the commit let go after \
                     {:?}, killed",
                    aimed.before_commit
                ),
                Some(state) => format!("killed after the hold (showing {state:?}) ended"),
                None => "the page was not seen held, killed".to_owned(),
            };
            eprint!(
                "round {round}/{rounds}: {done}/{steps} edits, the last {} {change}; {held}: \
                 {outcome}",
                aimed.id,
            );
        }
        check_and_settle(round, &mut expected, &seen);
        eprintln!(", checked in {:?}", round_started.elapsed());
        if round == 1 {
            app::screenshot(s, "crash-after-restart").unwrap();
        }
        if !torn.is_empty() {
            // Chromium would delete this database at its next start (see the top of this file).
            torn_logs += 1;
            eprintln!(
                "round {round}: the kill left Chromium's LevelDB log ending in half a record \
                 ({}); Chromium, appending to it, would find it corrupt and delete the database \
                 at a later start: a fresh profile is set up",
                torn.iter()
                    .map(|path| path.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            drop(browser);
            (browser, expected, device) = fresh_ward(&server, &chromium_log);
        }
    }
    // Straight to stderr, past the test harness's capture: the counts show in every run.
    let _ = writeln!(
        std::io::stderr(),
        "crash safety: {rounds} kills ({killed} processes) in {:?} (seed {seed:#x}): {edits} edits, \
         {confirmed} seen saved, none lost; {aimed_rounds} aimed kills, {mid_write} of them while \
         a write was in flight (page held at its commit with \"Đang lưu…\" shown): \
         {mid_write_committed} writes found committed, {mid_write_cut} cut and absent, none in part; \
         {torn_logs} kills left Chromium's LevelDB log torn (fresh profile); {outlived} processes \
         outlived a kill",
        started.elapsed()
    );
    assert!(confirmed > 0 || rounds < 5, "some edits were seen saved");
    assert!(
        mid_write * 3 >= rounds,
        "only {mid_write} of {rounds} kills landed while a write was in flight (between \
         \"Đang lưu…\" and \"Đã lưu\"); at least a third must, or the test does not show that \
         a write cut by a crash is whole or absent"
    );
}
