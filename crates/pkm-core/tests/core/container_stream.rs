//! The container written a file at a time (`ContainerWriter`, the export's path) is byte for byte
//! the container written whole (`write_container`), and keeps its checks: a file whose bytes do
//! not have its hash, or that comes out of hash order, is refused.

use std::collections::BTreeMap;

use pkm_core::attachment::sha256_hex;
use pkm_core::container::{ContainerWriteError, ContainerWriter, write_container};
use proptest::prelude::*;

/// The container of `json` and `files`, written a file at a time; also the largest chunk.
fn streamed(json: &[u8], files: &BTreeMap<String, Vec<u8>>) -> (Vec<u8>, usize) {
    let mut writer = ContainerWriter::start(json).unwrap();
    let mut out = Vec::new();
    let mut largest = 0;
    for (hash, bytes) in files {
        let chunk = writer.add_file(hash, bytes).unwrap();
        largest = largest.max(chunk.len());
        out.extend_from_slice(&chunk);
    }
    let last = writer.finish().unwrap();
    largest = largest.max(last.len());
    out.extend_from_slice(&last);
    (out, largest)
}

fn files_of(contents: Vec<Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    contents
        .into_iter()
        .map(|bytes| (sha256_hex(&bytes), bytes))
        .collect()
}

#[test]
fn the_streamed_container_is_the_whole_one_and_no_chunk_holds_two_files() {
    let json = br#"{"format_version":2,"note":"Bi\u00ean b\u1ea3n"}"#;
    let files = files_of(
        (0..5u8)
            .map(|n| vec![n; 100_000 + usize::from(n)])
            .collect(),
    );
    let whole = write_container(json, &files).unwrap();
    let (streamed, largest) = streamed(json, &files);
    assert_eq!(streamed, whole);
    // Each chunk holds one file's entry (plus the bundle's, or the directory), never two files.
    assert!(largest < 2 * 100_000, "largest chunk {largest}");
}

#[test]
fn a_streamed_container_without_files_is_the_whole_one() {
    let json = b"{}";
    let (streamed, _) = streamed(json, &BTreeMap::new());
    assert_eq!(streamed, write_container(json, &BTreeMap::new()).unwrap());
}

#[test]
fn a_file_whose_bytes_do_not_have_its_hash_is_refused() {
    let mut writer = ContainerWriter::start(b"{}").unwrap();
    let hash = sha256_hex(b"one");
    assert!(matches!(
        writer.add_file(&hash, b"two"),
        Err(ContainerWriteError::WrongHash(_))
    ));
    assert!(matches!(
        writer.add_file("../x", b"two"),
        Err(ContainerWriteError::WrongHash(_))
    ));
}

#[test]
fn files_out_of_hash_order_or_twice_are_refused() {
    let files = files_of(vec![b"one".to_vec(), b"two".to_vec()]);
    let mut entries = files.iter();
    let (first, first_bytes) = entries.next().unwrap();
    let (second, second_bytes) = entries.next().unwrap();
    let mut writer = ContainerWriter::start(b"{}").unwrap();
    writer.add_file(second, second_bytes).unwrap();
    assert!(matches!(
        writer.add_file(first, first_bytes),
        Err(ContainerWriteError::OutOfOrder(_))
    ));
    assert!(matches!(
        writer.add_file(second, second_bytes),
        Err(ContainerWriteError::OutOfOrder(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn streamed_and_whole_containers_are_the_same_bytes(
        json in proptest::collection::vec(any::<u8>(), 0..4_000),
        contents in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..20_000), 0..6),
    ) {
        let files = files_of(contents);
        let whole = write_container(&json, &files).unwrap();
        let (streamed, _) = streamed(&json, &files);
        prop_assert_eq!(streamed, whole);
    }
}
