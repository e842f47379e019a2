//! The browser's processes, found as the descendants of the ChromeDriver that started them, and
//! killed with SIGKILL: the nearest a test can come to pulling the plug on the browser (nothing of
//! Chromium runs after the signal; what the kernel already has in its page cache stays).
//!
//! Linux only (reads `/proc`); the signal is sent by `kill -KILL` to the exact process ids found.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A parent → children map of the running processes, from `/proc/<pid>/stat`.
fn children_by_parent() -> BTreeMap<u32, Vec<u32>> {
    let mut map: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<u32>().ok())
        else {
            continue;
        };
        // Zombies (dead, not yet reaped by their parent) hold nothing and cannot be killed.
        if let Some((parent, state)) = stat(pid)
            && state != 'Z'
            && state != 'X'
        {
            map.entry(parent).or_default().push(pid);
        }
    }
    map
}

/// The parent and state letter of `pid` (`None` once it is gone).
fn stat(pid: u32) -> Option<(u32, char)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: read after the last ')'.
    let rest = &text[text.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some((parent, state))
}

/// Every running process below `root` (children, grandchildren, …), not `root` itself.
pub fn descendants(root: u32) -> BTreeSet<u32> {
    let map = children_by_parent();
    let mut found = BTreeSet::new();
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        for &child in map.get(&pid).into_iter().flatten() {
            if found.insert(child) {
                todo.push(child);
            }
        }
    }
    found
}

/// The running processes with a file under `dir` open (read from `/proc/<pid>/fd`; only the
/// processes this user may inspect, which are all of a browser this user started).
pub fn holding(dir: &Path) -> BTreeSet<u32> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        if fds
            .flatten()
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .any(|target| target.starts_with(dir))
        {
            found.insert(pid);
        }
    }
    found
}

/// Whether `pid` still runs (a zombie, dead but not yet reaped, does not).
pub fn running(pid: u32) -> bool {
    stat(pid).is_some_and(|(_, state)| state != 'Z' && state != 'X')
}

/// A SIGKILL made ready beforehand, to leave within a millisecond of [`ReadyKill::fire`]: a
/// shell already started and waiting on its input, with the list of processes, sends it with its
/// built-in `kill` once woken (starting a `kill` program at that moment takes 5 to 15 ms on a
/// busy machine). Dropped unfired, it sends nothing. Follow it with [`kill_tree`], which kills any
/// process started since the list was made.
pub struct ReadyKill {
    shell: Option<Child>,
    pids: BTreeSet<u32>,
}

impl ReadyKill {
    /// Readies a SIGKILL to `pids` (such as [`descendants`] of a browser's driver).
    pub fn new(pids: &BTreeSet<u32>) -> ReadyKill {
        let list: Vec<String> = pids.iter().map(u32::to_string).collect();
        let shell = (!list.is_empty()).then(|| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("read go && kill -KILL {}", list.join(" ")))
                .stdin(Stdio::piped())
                .spawn()
                .expect("sh starts")
        });
        ReadyKill {
            shell,
            pids: pids.clone(),
        }
    }

    /// Sends the signal now, then waits until none of the processes runs (one killed in the
    /// middle of a disk write may take a moment to end, and holds its files until it does: a
    /// browser started again meanwhile would find its profile in use).
    pub fn fire(mut self) -> Fired {
        if let Some(mut shell) = self.shell.take() {
            if let Some(mut input) = shell.stdin.take() {
                let _ = input.write_all(b"go\n");
            }
            let _ = shell.wait();
        }
        // The shell has ended, so its `kill` had been sent.
        let sent_by = Instant::now();
        wait_until_gone(&self.pids);
        Fired {
            processes: self.pids.len(),
            sent_by,
        }
    }
}

/// What a [`ReadyKill`] did when fired.
#[derive(Clone, Copy, Debug)]
pub struct Fired {
    /// How many processes the signal was sent to.
    pub processes: usize,
    /// A moment by which the signal had been sent.
    pub sent_by: Instant,
}

impl Drop for ReadyKill {
    fn drop(&mut self) {
        // Unfired: its input closes, `read` fails, and the shell ends without killing.
        if let Some(mut shell) = self.shell.take() {
            drop(shell.stdin.take());
            let _ = shell.wait();
        }
    }
}

/// Sends SIGKILL to every process below `root` at once and waits until none of them runs.
/// Returns how many were killed.
pub fn kill_tree(root: u32) -> usize {
    let pids = descendants(root);
    if pids.is_empty() {
        return 0;
    }
    let _ = Command::new("kill")
        .arg("-KILL")
        .args(pids.iter().map(u32::to_string))
        .status();
    wait_until_gone(&pids);
    pids.len()
}

/// Waits until none of `pids` runs (after SIGKILL).
fn wait_until_gone(pids: &BTreeSet<u32>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids.iter().any(|&pid| running(pid)) {
        assert!(
            Instant::now() < deadline,
            "the browser's processes outlived SIGKILL"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_processes_below_a_parent_are_found_and_killed() {
        // A shell with two children, standing in for Chromium's tree under ChromeDriver.
        let mut shell = Command::new("sh")
            .args(["-c", "sleep 30 & sleep 30 & wait"])
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while descendants(shell.id()).len() < 2 {
            assert!(Instant::now() < deadline, "the shell started its children");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(descendants(std::process::id()).contains(&shell.id()));
        assert_eq!(kill_tree(shell.id()), 2);
        assert!(descendants(shell.id()).is_empty());
        // With its children gone, the shell's `wait` returns and it ends by itself.
        shell.wait().unwrap();
        assert!(!running(shell.id()));
    }

    #[test]
    fn a_ready_kill_kills_only_when_fired() {
        let mut first = Command::new("sleep").arg("30").spawn().unwrap();
        let mut second = Command::new("sleep").arg("30").spawn().unwrap();
        drop(ReadyKill::new(&BTreeSet::from([first.id()])));
        assert!(running(first.id()), "an unfired kill sends nothing");
        let ready = ReadyKill::new(&BTreeSet::from([first.id(), second.id()]));
        assert_eq!(ready.fire().processes, 2);
        // Both died of the signal (a sleep that ended by itself would report success).
        assert!(!first.wait().unwrap().success());
        assert!(!second.wait().unwrap().success());
    }

    #[test]
    fn the_processes_holding_a_folder_are_found() {
        let dir = std::env::temp_dir().join(format!("pkm-e2e-holding-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("held");
        std::fs::write(&file, "").unwrap();
        // One process (the shell becomes the sleep) with the file open as its descriptor 3.
        let mut holder = Command::new("sh")
            .arg("-c")
            .arg("exec 3<\"$0\"; exec sleep 30")
            .arg(&file)
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while holding(&dir) != BTreeSet::from([holder.id()]) {
            assert!(
                Instant::now() < deadline,
                "the holder is found, and only it"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        holder.kill().unwrap();
        holder.wait().unwrap();
        assert!(holding(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
