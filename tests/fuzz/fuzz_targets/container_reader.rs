//! Fuzz target `container_reader`: arbitrary bytes go through the evidence container reader
//! (`.pkmz`, issue 23) the way the province's import screen reads a file. It must never panic nor
//! inflate more than the limits allow; a refusal names at least one problem, each with a path and
//! a message in both languages (with no control character of a hostile name). An accepted
//! container must:
//!
//! - carry only files its bundle refers to, each of the size its references give, of an accepted
//!   type by content, and named by the SHA-256 of its bytes;
//! - say which referenced files it lacks, and nothing else;
//! - write back (bundle and files) into a container that reads back to the same files, and
//!   written a file at a time (`ContainerWriter`, the export's path) give the same bytes.

#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use pkm_core::Store;
use pkm_core::attachment::{AttachmentCensus, sha256_hex, sniff};
use pkm_core::bundle::{Limits, ReadOptions};
use pkm_core::container::{ContainerWriter, read_container, write_container};

/// Small limits, so that the fuzzer can reach them with small inputs.
fn options() -> ReadOptions {
    let mut limits = Limits::default();
    limits.attachments.per_file = 1 << 16;
    limits.attachments.per_ward = 1 << 18;
    limits.max_file_bytes = 1 << 20;
    ReadOptions {
        limits,
        ..ReadOptions::default()
    }
}

fuzz_target!(|bytes: &[u8]| {
    let options = options();
    match read_container(bytes, &options, &Store::new()) {
        Err(problems) => {
            assert!(!problems.is_empty(), "a refusal names at least one problem");
            for problem in &problems {
                assert!(!problem.path.is_empty());
                let vi = problem.message_vi();
                assert!(!vi.is_empty() && !problem.message_en().is_empty());
                assert!(
                    !vi.contains('\u{202e}'),
                    "a hidden direction mark in {vi:?}"
                );
            }
        }
        Ok(read) => {
            let census = AttachmentCensus::of(&read.bundle.content);
            for (hash, file) in &read.files {
                assert_eq!(&sha256_hex(file), hash);
                let reference = census.files.get(hash).expect("every file is referenced");
                assert_eq!(reference.size, file.len() as u64);
                assert!(file.len() as u64 <= options.limits.attachments.per_file);
                assert_eq!(sniff(file), reference.media_type());
            }
            let referenced: BTreeSet<String> = census.files.keys().cloned().collect();
            let held: BTreeSet<String> = read.files.keys().cloned().collect();
            let missing: BTreeSet<String> = referenced.difference(&held).cloned().collect();
            assert_eq!(read.missing, missing);
            let json = read.bundle.to_json().expect("an accepted bundle writes");
            let again = write_container(json.as_bytes(), &read.files).expect("it writes back");
            let back = read_container(&again, &options, &Store::new())
                .unwrap_or_else(|problems| panic!("a written container is refused: {problems:?}"));
            assert_eq!(back.files, read.files);
            let mut writer = ContainerWriter::start(json.as_bytes()).expect("it starts");
            let mut streamed = Vec::new();
            for (hash, bytes) in &read.files {
                streamed.extend(writer.add_file(hash, bytes).expect("each file is added"));
            }
            streamed.extend(writer.finish().expect("it finishes"));
            assert_eq!(streamed, again, "streamed and whole containers differ");
        }
    }
});
