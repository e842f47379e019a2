//! Files read ahead of their import, on other threads. Reading a file (parsing, the digest, the
//! signature, decoding the records: [`SteppedRead::run`]) does not look at the store; only its
//! last checks do ([`RunRead::finish`]), and those stay on the importing thread, in the files'
//! order, after the files before are imported. So `pkm merge` of the whole country's 34 bundles
//! reads the next files while it imports one, with the same result as reading them one by one.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Condvar, Mutex};
use std::thread::Scope;

use pkm_core::bundle::{ReadOptions, RunRead, SteppedRead};

/// How many files may be read but not yet taken by the importing thread, per reading thread:
/// each one read holds its decoded records, so reading far ahead only costs memory.
const AHEAD_PER_THREAD: usize = 2;

/// At most this many reading threads (the importing thread is one more).
const MOST_THREADS: usize = 4;

/// The reads of a list of files, in the list's order, made on reading threads.
pub struct ReadsAhead<'scope> {
    received: Receiver<(usize, std::io::Result<RunRead>)>,
    waiting: BTreeMap<usize, std::io::Result<RunRead>>,
    next: usize,
    count: usize,
    shared: &'scope Shared,
}

/// What the importing thread and the reading threads share: the next file to read, and how
/// many reads the importing thread has taken, which the reading threads wait on.
#[derive(Default)]
pub struct Shared {
    next_file: AtomicUsize,
    taken: Mutex<usize>,
    changed: Condvar,
}

impl<'scope> ReadsAhead<'scope> {
    /// Starts reading `files` with `options` on threads of `scope`; `shared` is new.
    pub fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        files: &'env [String],
        options: &'env ReadOptions,
        shared: &'env Shared,
    ) -> ReadsAhead<'scope> {
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, MOST_THREADS);
        let (send, received) = channel();
        for _ in 0..threads {
            let send = send.clone();
            scope.spawn(move || {
                loop {
                    let index = shared.next_file.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(index) else {
                        return;
                    };
                    shared.wait_until_within(index, threads * AHEAD_PER_THREAD);
                    let read = std::fs::read(file)
                        .map(|bytes| SteppedRead::new(&bytes, options.clone()).run());
                    if send.send((index, read)).is_err() {
                        return;
                    }
                }
            });
        }
        ReadsAhead {
            received,
            waiting: BTreeMap::new(),
            next: 0,
            count: files.len(),
            shared,
        }
    }
}

impl Shared {
    /// Waits until the read of file `index` is at most `ahead` files ahead of those taken.
    fn wait_until_within(&self, index: usize, ahead: usize) {
        let mut count = self
            .taken
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        while index >= count.saturating_add(ahead) {
            count = self
                .changed
                .wait(count)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    fn took(&self, count: usize) {
        *self
            .taken
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = count;
        self.changed.notify_all();
    }
}

impl Iterator for ReadsAhead<'_> {
    type Item = std::io::Result<RunRead>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.count {
            return None;
        }
        let read = loop {
            if let Some(read) = self.waiting.remove(&self.next) {
                break read;
            }
            // A reading thread that panicked drops its sender; the others still send theirs.
            let (index, read) = self.received.recv().ok()?;
            self.waiting.insert(index, read);
        };
        self.next += 1;
        self.shared.took(self.next);
        Some(read)
    }
}

impl Drop for ReadsAhead<'_> {
    /// Stops the reading threads when the importing thread stops early: they read no further
    /// file and none waits.
    fn drop(&mut self) {
        self.shared
            .next_file
            .store(usize::MAX / 2, Ordering::Relaxed);
        self.shared.took(usize::MAX / 2);
    }
}
