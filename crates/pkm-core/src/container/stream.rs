//! Writes a container a file at a time, handing the finished bytes out as it goes, so that a
//! device exporting many files never holds them all: [`ContainerWriter`] starts with the
//! bundle's JSON, takes one file, gives back every byte before that file's entry, and so on.
//!
//! The bytes are those [`super::write_container`] writes for the same bundle and files (the core's
//! tests compare both). The `zip` crate writes a seekable archive: after an entry's data it goes
//! back to its local header to fill in the CRC and sizes, and at the end it writes the central
//! directory. So the sink ([`ChunkSink`]) keeps the current entry (its header and data) until the
//! next one starts; what lies before it is final and handed out.

use std::cell::RefCell;
use std::io::{self, Seek, SeekFrom, Write};
use std::rc::Rc;

use zip::{CompressionMethod, ZipWriter};

use super::write::{ContainerWriteError, options};
use super::{BUNDLE_ENTRY, file_entry};
use crate::attachment::{is_sha256_hex, sha256_hex};

/// The bytes written but not yet handed out, from stream position `handed_out` on.
#[derive(Debug, Default)]
struct Pending {
    /// How many bytes were handed out before `bytes[0]`.
    handed_out: u64,
    /// The bytes not handed out yet.
    bytes: Vec<u8>,
    /// The write position, relative to `bytes[0]`.
    position: usize,
}

/// A seekable sink that can hand out the bytes before a mark and then forget them: seeking back
/// before the bytes still held is an error (the writer never does it; a test would show it).
#[derive(Clone, Debug, Default)]
pub struct ChunkSink(Rc<RefCell<Pending>>);

impl ChunkSink {
    /// The stream position: every byte handed out plus the position in what is held.
    fn position(&self) -> u64 {
        let pending = self.0.borrow();
        pending.handed_out + pending.position as u64
    }

    /// Hands out the bytes before stream position `mark`, and keeps the rest.
    fn take_before(&self, mark: u64) -> Vec<u8> {
        let mut pending = self.0.borrow_mut();
        let cut = usize::try_from(mark - pending.handed_out)
            .unwrap_or(usize::MAX)
            .min(pending.bytes.len());
        let rest = pending.bytes.split_off(cut);
        let taken = std::mem::replace(&mut pending.bytes, rest);
        pending.handed_out += cut as u64;
        pending.position = pending.position.saturating_sub(cut);
        taken
    }

    /// Hands out every byte held.
    fn take_all(&self) -> Vec<u8> {
        let end = {
            let pending = self.0.borrow();
            pending.handed_out + pending.bytes.len() as u64
        };
        self.take_before(end)
    }
}

impl Write for ChunkSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut pending = self.0.borrow_mut();
        let start = pending.position;
        let end = start + buf.len();
        if end > pending.bytes.len() {
            pending.bytes.resize(end, 0);
        }
        pending.bytes[start..end].copy_from_slice(buf);
        pending.position = end;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Seek for ChunkSink {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let mut pending = self.0.borrow_mut();
        let end = pending.handed_out + pending.bytes.len() as u64;
        let current = pending.handed_out + pending.position as u64;
        let target = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(by) => end.checked_add_signed(by),
            SeekFrom::Current(by) => current.checked_add_signed(by),
        };
        match target {
            Some(at) if at >= pending.handed_out && at <= end => {
                pending.position = (at - pending.handed_out) as usize;
                Ok(at)
            }
            _ => Err(io::Error::other(
                "seek outside the bytes still held by the container's sink",
            )),
        }
    }
}

/// A container being written: the bundle first ([`ContainerWriter::start`]), then each file in
/// ascending hash order ([`ContainerWriter::add_file`]), then [`ContainerWriter::finish`]. Every
/// call gives back the bytes that became final; their concatenation is the container.
pub struct ContainerWriter {
    zip: ZipWriter<ChunkSink>,
    sink: ChunkSink,
    /// The hash of the last file added: files go in ascending order, each once.
    last: Option<String>,
}

impl std::fmt::Debug for ContainerWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContainerWriter")
            .field("last", &self.last)
            .finish_non_exhaustive()
    }
}

impl ContainerWriter {
    /// Starts a container with the bundle's JSON (deflated, as [`super::write_container`] does).
    pub fn start(bundle_json: &[u8]) -> Result<ContainerWriter, ContainerWriteError> {
        let sink = ChunkSink::default();
        let mut zip = ZipWriter::new(sink.clone());
        zip.start_file(BUNDLE_ENTRY, options(CompressionMethod::Deflated))?;
        zip.write_all(bundle_json)?;
        Ok(ContainerWriter {
            zip,
            sink,
            last: None,
        })
    }

    /// Adds the file `bytes` with hash `hash`, after checking the hash against the bytes and that
    /// it comes after the last file added; gives back the bytes that became final (everything
    /// before this file's entry).
    pub fn add_file(&mut self, hash: &str, bytes: &[u8]) -> Result<Vec<u8>, ContainerWriteError> {
        if !is_sha256_hex(hash) || sha256_hex(bytes) != hash {
            return Err(ContainerWriteError::WrongHash(hash.to_owned()));
        }
        if self.last.as_deref().is_some_and(|last| last >= hash) {
            return Err(ContainerWriteError::OutOfOrder(hash.to_owned()));
        }
        // The previous entry ends here; starting this one finishes it (its header is filled in)
        // and writes this one's header from here on.
        let mark = self.sink.position();
        self.zip
            .start_file(file_entry(hash), options(CompressionMethod::Stored))?;
        self.zip.write_all(bytes)?;
        self.last = Some(hash.to_owned());
        Ok(self.sink.take_before(mark))
    }

    /// Finishes the container: gives back its last bytes (the last entry and the directory).
    pub fn finish(self) -> Result<Vec<u8>, ContainerWriteError> {
        let ContainerWriter { zip, sink, .. } = self;
        zip.finish()?;
        Ok(sink.take_all())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sink_refuses_to_seek_before_what_it_handed_out() {
        let mut sink = ChunkSink::default();
        sink.write_all(b"abcdef").unwrap();
        assert_eq!(sink.take_before(4), b"abcd");
        assert!(sink.seek(SeekFrom::Start(3)).is_err());
        assert_eq!(sink.seek(SeekFrom::Start(5)).unwrap(), 5);
        sink.write_all(b"XY").unwrap();
        assert_eq!(sink.seek(SeekFrom::End(0)).unwrap(), 7);
        assert_eq!(sink.take_all(), b"eXY");
    }
}
