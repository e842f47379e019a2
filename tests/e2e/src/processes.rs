//! The browser's processes, found as the descendants of the ChromeDriver that started them, and
//! killed with SIGKILL: the nearest a test can come to pulling the plug on the browser (nothing of
//! Chromium runs after the signal; what the kernel already has in its page cache stays).
//!
//! Linux only (reads `/proc`); the signal is sent by `kill -KILL` to the exact process ids found.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
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

/// Whether `pid` still runs (a zombie, dead but not yet reaped, does not).
pub fn running(pid: u32) -> bool {
    stat(pid).is_some_and(|(_, state)| state != 'Z' && state != 'X')
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
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids.iter().any(|&pid| running(pid)) {
        assert!(
            Instant::now() < deadline,
            "the browser's processes outlived SIGKILL"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    pids.len()
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
}
