//! A minimal ZIP archive writer (PKWARE APPNOTE 6.3): entries are "stored" (method 0, not
//! compressed), each with its CRC-32, a local file header, a central directory and the end of
//! central directory record. Names are UTF-8 (general purpose flag bit 11).
//!
//! Deterministic: every entry carries the same fixed modification time (1980-01-01 00:00, the
//! earliest a ZIP can say), so the same entries always give the same bytes. No ZIP64: an archive
//! over 4 GiB or 65,535 entries is refused with [`ZipError`] rather than written wrong.

use std::collections::BTreeSet;

/// Why an archive could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    /// The archive would need ZIP64 (an entry or the archive over 4 GiB, or over 65,535 entries).
    #[error("the archive is too large for a ZIP without ZIP64")]
    TooLarge,
    /// An entry name is empty or longer than 65,535 bytes.
    #[error("bad entry name {0:?}")]
    BadName(String),
    /// Two entries share a name.
    #[error("duplicate entry name {0:?}")]
    DuplicateName(String),
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// Version 2.0: the lowest that readers expect for plain archives with folders.
const VERSION: u16 = 20;
/// General purpose bit 11: the name is UTF-8.
const FLAG_UTF8: u16 = 0x0800;
const METHOD_STORED: u16 = 0;
const DOS_TIME: u16 = 0;
/// 1980-01-01 in MS-DOS date format: `(year - 1980) << 9 | month << 5 | day`.
const DOS_DATE: u16 = (1 << 5) | 1;

const CRC_TABLE: [u32; 256] = crc_table();

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut value = index as u32;
        let mut bit = 0;
        while bit < 8 {
            value = if value & 1 == 1 {
                0xEDB8_8320 ^ (value >> 1)
            } else {
                value >> 1
            };
            bit += 1;
        }
        table[index] = value;
        index += 1;
    }
    table
}

/// The CRC-32 (ISO-HDLC, the one ZIP and PNG use: reflected polynomial `0xEDB88320`) of `bytes`;
/// `crc32(b"123456789")` is `0xCBF43926`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for byte in bytes {
        crc = CRC_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8);
    }
    !crc
}

struct Entry {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
}

/// Builds a ZIP archive in memory, entry by entry, in the order added.
#[derive(Default)]
pub struct ZipWriter {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
    names: BTreeSet<String>,
}

fn put_u16(bytes: &mut Vec<u8>, value: u16) {
    bytes.extend_from_slice(&value.to_le_bytes());
}

fn put_u32(bytes: &mut Vec<u8>, value: u32) {
    bytes.extend_from_slice(&value.to_le_bytes());
}

fn to_u32(value: usize) -> Result<u32, ZipError> {
    u32::try_from(value)
        .ok()
        .filter(|value| *value != u32::MAX)
        .ok_or(ZipError::TooLarge)
}

impl ZipWriter {
    /// An empty archive.
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// Adds a file stored without compression. Names use `/` between folders and no leading `/`.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), ZipError> {
        let name_length = u16::try_from(name.len())
            .ok()
            .filter(|length| *length > 0)
            .ok_or_else(|| ZipError::BadName(name.to_string()))?;
        if self.names.contains(name) {
            return Err(ZipError::DuplicateName(name.to_string()));
        }
        if self.entries.len() >= usize::from(u16::MAX) {
            return Err(ZipError::TooLarge);
        }
        let offset = to_u32(self.bytes.len())?;
        let size = to_u32(data.len())?;
        let crc = crc32(data);
        let bytes = &mut self.bytes;
        put_u32(bytes, LOCAL_HEADER);
        put_u16(bytes, VERSION);
        put_u16(bytes, FLAG_UTF8);
        put_u16(bytes, METHOD_STORED);
        put_u16(bytes, DOS_TIME);
        put_u16(bytes, DOS_DATE);
        put_u32(bytes, crc);
        put_u32(bytes, size);
        put_u32(bytes, size);
        put_u16(bytes, name_length);
        put_u16(bytes, 0);
        bytes.extend_from_slice(name.as_bytes());
        bytes.extend_from_slice(data);
        self.names.insert(name.to_string());
        self.entries.push(Entry {
            name: name.to_string(),
            crc,
            size,
            offset,
        });
        Ok(())
    }

    /// Writes the central directory and the end record, and returns the archive.
    pub fn finish(self) -> Result<Vec<u8>, ZipError> {
        let ZipWriter {
            mut bytes, entries, ..
        } = self;
        let directory_offset = to_u32(bytes.len())?;
        for entry in &entries {
            let name_length = u16::try_from(entry.name.len())
                .map_err(|_| ZipError::BadName(entry.name.clone()))?;
            put_u32(&mut bytes, CENTRAL_HEADER);
            put_u16(&mut bytes, VERSION);
            put_u16(&mut bytes, VERSION);
            put_u16(&mut bytes, FLAG_UTF8);
            put_u16(&mut bytes, METHOD_STORED);
            put_u16(&mut bytes, DOS_TIME);
            put_u16(&mut bytes, DOS_DATE);
            put_u32(&mut bytes, entry.crc);
            put_u32(&mut bytes, entry.size);
            put_u32(&mut bytes, entry.size);
            put_u16(&mut bytes, name_length);
            // Extra field, comment, disk number, internal and external attributes.
            put_u16(&mut bytes, 0);
            put_u16(&mut bytes, 0);
            put_u16(&mut bytes, 0);
            put_u16(&mut bytes, 0);
            put_u32(&mut bytes, 0);
            put_u32(&mut bytes, entry.offset);
            bytes.extend_from_slice(entry.name.as_bytes());
        }
        let directory_size = to_u32(bytes.len() - directory_offset as usize)?;
        let count = u16::try_from(entries.len()).map_err(|_| ZipError::TooLarge)?;
        put_u32(&mut bytes, END_OF_CENTRAL_DIRECTORY);
        put_u16(&mut bytes, 0);
        put_u16(&mut bytes, 0);
        put_u16(&mut bytes, count);
        put_u16(&mut bytes, count);
        put_u32(&mut bytes, directory_size);
        put_u32(&mut bytes, directory_offset);
        put_u16(&mut bytes, 0);
        Ok(bytes)
    }
}

/// Writes an archive of `(name, data)` entries, in order.
pub fn write_stored<'a>(
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<u8>, ZipError> {
    let mut writer = ZipWriter::new();
    for (name, data) in entries {
        writer.add(name, data)?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(bytes: &[u8], at: usize) -> u16 {
        u16::from_le_bytes([bytes[at], bytes[at + 1]])
    }

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
    }

    #[test]
    fn crc32_matches_known_vectors() {
        let cases: [(&[u8], u32); 5] = [
            (b"", 0),
            (b"a", 0xE8B7_BE43),
            (b"123456789", 0xCBF4_3926),
            (b"The quick brown fox jumps over the lazy dog", 0x414F_A339),
            (&[0u8; 32], 0x190A_55AD),
        ];
        for (input, expected) in cases {
            assert_eq!(crc32(input), expected, "{input:?}");
        }
    }

    #[test]
    fn an_empty_archive_is_just_the_end_record() {
        let bytes = ZipWriter::new().finish().unwrap();
        assert_eq!(
            bytes,
            [
                0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            ]
        );
    }

    #[test]
    fn headers_point_at_each_other() {
        let bytes = write_stored([("a.txt", &b"hello"[..]), ("dir/ư.xml", &b"<x/>"[..])]).unwrap();
        let end = bytes.len() - 22;
        assert_eq!(u32_at(&bytes, end), END_OF_CENTRAL_DIRECTORY);
        assert_eq!(u16_at(&bytes, end + 10), 2);
        let directory = u32_at(&bytes, end + 16) as usize;
        assert_eq!(directory + u32_at(&bytes, end + 12) as usize, end);
        let mut at = directory;
        let mut found = Vec::new();
        for _ in 0..2 {
            assert_eq!(u32_at(&bytes, at), CENTRAL_HEADER);
            assert_eq!(u16_at(&bytes, at + 8), FLAG_UTF8);
            let crc = u32_at(&bytes, at + 16);
            let size = u32_at(&bytes, at + 20) as usize;
            let name_length = usize::from(u16_at(&bytes, at + 28));
            let local = u32_at(&bytes, at + 42) as usize;
            let name = std::str::from_utf8(&bytes[at + 46..at + 46 + name_length]).unwrap();
            assert_eq!(u32_at(&bytes, local), LOCAL_HEADER);
            assert_eq!(u32_at(&bytes, local + 14), crc);
            let data_at = local + 30 + usize::from(u16_at(&bytes, local + 26));
            let data = &bytes[data_at..data_at + size];
            assert_eq!(crc32(data), crc);
            found.push((name.to_string(), data.to_vec()));
            at += 46 + name_length;
        }
        assert_eq!(
            found,
            [
                ("a.txt".to_string(), b"hello".to_vec()),
                ("dir/ư.xml".to_string(), b"<x/>".to_vec())
            ]
        );
    }

    #[test]
    fn refuses_empty_and_duplicate_names() {
        let mut writer = ZipWriter::new();
        assert_eq!(writer.add("", b""), Err(ZipError::BadName(String::new())));
        writer.add("x", b"1").unwrap();
        assert_eq!(
            writer.add("x", b"2"),
            Err(ZipError::DuplicateName("x".to_string()))
        );
    }

    #[test]
    fn the_same_entries_give_the_same_bytes() {
        let one = write_stored([("a", &b"1"[..])]).unwrap();
        let two = write_stored([("a", &b"1"[..])]).unwrap();
        assert_eq!(one, two);
    }
}
