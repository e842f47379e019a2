//! A bundle's indented text written straight from the store, without a `serde_json::Value` tree
//! in between: a serde serializer that writes what [`super::canonical::pretty_string`] writes of
//! `serde_json::to_value(..)` (the same member order, string escaping and number forms), each
//! object's members sorted when it closes. For the whole country's 80 MiB the tree took a third
//! of `pkm merge`'s time and several times the data's size in memory.
//!
//! The canonical text the digest is over is the indented text without its indentation
//! ([`hash_compact`]): the two differ only in whitespace outside strings.

use std::borrow::Cow;
use std::fmt::Display;

use serde::Serialize;
use serde::ser::{self, Impossible};
use sha2::{Digest, Sha256};

use super::canonical::{utf16_order, write_double, write_string};

/// Why a value could not be written (what `serde_json::to_value` refuses: a map key that is not a
/// string or a number, an integer out of range, a serializer's own error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError(String);

impl Display for TextError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for TextError {}

impl ser::Error for TextError {
    fn custom<T: Display>(message: T) -> TextError {
        TextError(message.to_string())
    }
}

/// Appends to `out` the indented text of `value` as a member's value at `level` (0 for a whole
/// document), leaving out its own top-level member named `skip` when it is an object.
pub fn write_pretty<T: Serialize + ?Sized>(
    out: &mut String,
    value: &T,
    level: usize,
    skip: Option<&'static str>,
) -> Result<(), TextError> {
    let mut writer = TextWriter { out, level, skip };
    value.serialize(&mut writer)
}

/// Hashes `pretty` (text written with indentation) without the whitespace outside its strings:
/// its canonical form. The runs between the whitespace are hashed as they lie.
pub fn hash_compact(hasher: &mut Sha256, pretty: &str) {
    let bytes = pretty.as_bytes();
    let (mut at, mut run) = (0, 0);
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\n' => {
                hasher.update(&bytes[run..at]);
                while at < bytes.len() && matches!(bytes[at], b' ' | b'\n') {
                    at += 1;
                }
                run = at;
            }
            b'"' => {
                // To the string's end: its quotes and backslashes are escaped by a backslash.
                at += 1;
                loop {
                    match bytes[at..]
                        .iter()
                        .position(|byte| matches!(byte, b'"' | b'\\'))
                    {
                        Some(offset) if bytes[at + offset] == b'\\' => {
                            at = (at + offset + 2).min(bytes.len());
                        }
                        Some(offset) => {
                            at += offset + 1;
                            break;
                        }
                        None => {
                            at = bytes.len();
                            break;
                        }
                    }
                }
            }
            _ => at += 1,
        }
    }
    hasher.update(&bytes[run..]);
}

/// 2^53: up to it, every integer is a double of its own.
const EXACT_INTEGER: u64 = 1 << 53;

struct TextWriter<'o> {
    out: &'o mut String,
    /// The level of the value being written.
    level: usize,
    /// The member the next object leaves out (the top-level object only).
    skip: Option<&'static str>,
}

impl TextWriter<'_> {
    fn newline(&mut self, level: usize) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', 2 * level));
    }

    fn unsigned(&mut self, value: u64) {
        if value <= EXACT_INTEGER {
            self.out.push_str(itoa::Buffer::new().format(value));
        } else {
            write_double(self.out, value as f64);
        }
    }

    fn signed(&mut self, value: i64) {
        match u64::try_from(value) {
            Ok(unsigned) => self.unsigned(unsigned),
            Err(_) => write_double(self.out, value as f64),
        }
    }

    /// Opens an object of one member named `variant` (an enum's variant with data), whose value
    /// is written next, one level down.
    fn open_variant(&mut self, variant: &str) {
        self.out.push('{');
        let level = self.level + 1;
        self.newline(level);
        write_string(self.out, variant);
        self.out.push_str(": ");
        self.level = level;
    }

    /// Closes what [`Self::open_variant`] opened.
    fn close_variant(&mut self) {
        self.level -= 1;
        self.newline(self.level);
        self.out.push('}');
    }
}

fn object<'w, 'o>(writer: &'w mut TextWriter<'o>, wrapped: bool) -> Members<'w, 'o> {
    let skip = writer.skip.take();
    writer.out.push('{');
    Members {
        start: writer.out.len(),
        level: writer.level,
        members: Vec::new(),
        key: None,
        skip,
        wrapped,
        writer,
    }
}

fn array<'w, 'o>(writer: &'w mut TextWriter<'o>, wrapped: bool) -> Items<'w, 'o> {
    writer.skip = None;
    writer.out.push('[');
    Items {
        level: writer.level,
        count: 0,
        wrapped,
        writer,
    }
}

/// One member written: its name and where its text lies (from its line's start to its value's
/// end; the comma before it is not part of it).
struct Member {
    name: Cow<'static, str>,
    start: usize,
    end: usize,
}

/// An object being written.
struct Members<'w, 'o> {
    writer: &'w mut TextWriter<'o>,
    start: usize,
    level: usize,
    members: Vec<Member>,
    /// A map's key, waiting for its value.
    key: Option<String>,
    skip: Option<&'static str>,
    /// Inside an enum variant's one-member object, closed with it.
    wrapped: bool,
}

impl Members<'_, '_> {
    fn member<T: Serialize + ?Sized>(
        &mut self,
        name: Cow<'static, str>,
        value: &T,
    ) -> Result<(), TextError> {
        if self.skip == Some(name.as_ref()) {
            return Ok(());
        }
        if !self.members.is_empty() {
            self.writer.out.push(',');
        }
        let start = self.writer.out.len();
        self.writer.newline(self.level + 1);
        write_string(self.writer.out, &name);
        self.writer.out.push_str(": ");
        self.writer.level = self.level + 1;
        value.serialize(&mut *self.writer)?;
        self.writer.level = self.level;
        self.members.push(Member {
            name,
            start,
            end: self.writer.out.len(),
        });
        Ok(())
    }

    /// Puts the members in canonical order (a later member of the same name replaces an earlier
    /// one, as in a JSON value) and closes the object.
    fn close(self) {
        let Members {
            writer,
            start,
            level,
            mut members,
            wrapped,
            ..
        } = self;
        if members.is_empty() {
            writer.out.push('}');
        } else {
            let sorted = members
                .windows(2)
                .all(|pair| utf16_order(&pair[0].name, &pair[1].name).is_lt());
            if !sorted {
                members.sort_by(|left, right| utf16_order(&left.name, &right.name));
                members.dedup_by(|later, earlier| {
                    let same = later.name == earlier.name;
                    if same && later.start > earlier.start {
                        std::mem::swap(later, earlier);
                    }
                    same
                });
                let text = writer.out.split_off(start);
                for (index, member) in members.iter().enumerate() {
                    if index > 0 {
                        writer.out.push(',');
                    }
                    writer
                        .out
                        .push_str(&text[member.start - start..member.end - start]);
                }
            }
            writer.newline(level);
            writer.out.push('}');
        }
        if wrapped {
            writer.close_variant();
        }
    }
}

/// An array being written.
struct Items<'w, 'o> {
    writer: &'w mut TextWriter<'o>,
    level: usize,
    count: usize,
    wrapped: bool,
}

impl Items<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TextError> {
        if self.count > 0 {
            self.writer.out.push(',');
        }
        self.count += 1;
        self.writer.newline(self.level + 1);
        self.writer.level = self.level + 1;
        value.serialize(&mut *self.writer)?;
        self.writer.level = self.level;
        Ok(())
    }

    fn close(self) {
        if self.count > 0 {
            self.writer.newline(self.level);
        }
        self.writer.out.push(']');
        if self.wrapped {
            self.writer.close_variant();
        }
    }
}

impl<'w, 'o> ser::Serializer for &'w mut TextWriter<'o> {
    type Ok = ();
    type Error = TextError;
    type SerializeSeq = Items<'w, 'o>;
    type SerializeTuple = Items<'w, 'o>;
    type SerializeTupleStruct = Items<'w, 'o>;
    type SerializeTupleVariant = Items<'w, 'o>;
    type SerializeMap = Members<'w, 'o>;
    type SerializeStruct = Members<'w, 'o>;
    type SerializeStructVariant = Members<'w, 'o>;

    fn serialize_bool(self, value: bool) -> Result<(), TextError> {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result<(), TextError> {
        self.signed(value.into());
        Ok(())
    }

    fn serialize_i16(self, value: i16) -> Result<(), TextError> {
        self.signed(value.into());
        Ok(())
    }

    fn serialize_i32(self, value: i32) -> Result<(), TextError> {
        self.signed(value.into());
        Ok(())
    }

    fn serialize_i64(self, value: i64) -> Result<(), TextError> {
        self.signed(value);
        Ok(())
    }

    fn serialize_i128(self, value: i128) -> Result<(), TextError> {
        if let Ok(unsigned) = u64::try_from(value) {
            self.unsigned(unsigned);
        } else if let Ok(signed) = i64::try_from(value) {
            self.signed(signed);
        } else {
            return Err(TextError("number out of range".to_string()));
        }
        Ok(())
    }

    fn serialize_u8(self, value: u8) -> Result<(), TextError> {
        self.unsigned(value.into());
        Ok(())
    }

    fn serialize_u16(self, value: u16) -> Result<(), TextError> {
        self.unsigned(value.into());
        Ok(())
    }

    fn serialize_u32(self, value: u32) -> Result<(), TextError> {
        self.unsigned(value.into());
        Ok(())
    }

    fn serialize_u64(self, value: u64) -> Result<(), TextError> {
        self.unsigned(value);
        Ok(())
    }

    fn serialize_u128(self, value: u128) -> Result<(), TextError> {
        let unsigned =
            u64::try_from(value).map_err(|_| TextError("number out of range".to_string()))?;
        self.unsigned(unsigned);
        Ok(())
    }

    fn serialize_f32(self, value: f32) -> Result<(), TextError> {
        self.serialize_f64(value.into())
    }

    fn serialize_f64(self, value: f64) -> Result<(), TextError> {
        // As in a JSON value: a number that is not finite is null.
        if value.is_finite() {
            write_double(self.out, value);
        } else {
            self.out.push_str("null");
        }
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), TextError> {
        write_string(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), TextError> {
        write_string(self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), TextError> {
        let mut items = array(self, false);
        for byte in value {
            items.item(byte)?;
        }
        items.close();
        Ok(())
    }

    fn serialize_none(self) -> Result<(), TextError> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TextError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), TextError> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TextError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), TextError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), TextError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TextError> {
        self.skip = None;
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.close_variant();
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Items<'w, 'o>, TextError> {
        Ok(array(self, false))
    }

    fn serialize_tuple(self, len: usize) -> Result<Items<'w, 'o>, TextError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Items<'w, 'o>, TextError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Items<'w, 'o>, TextError> {
        self.skip = None;
        self.open_variant(variant);
        Ok(array(self, true))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Members<'w, 'o>, TextError> {
        Ok(object(self, false))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Members<'w, 'o>, TextError> {
        Ok(object(self, false))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Members<'w, 'o>, TextError> {
        self.skip = None;
        self.open_variant(variant);
        Ok(object(self, true))
    }
}

impl ser::SerializeSeq for Items<'_, '_> {
    type Ok = ();
    type Error = TextError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TextError> {
        self.item(value)
    }

    fn end(self) -> Result<(), TextError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTuple for Items<'_, '_> {
    type Ok = ();
    type Error = TextError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TextError> {
        self.item(value)
    }

    fn end(self) -> Result<(), TextError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Items<'_, '_> {
    type Ok = ();
    type Error = TextError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TextError> {
        self.item(value)
    }

    fn end(self) -> Result<(), TextError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Items<'_, '_> {
    type Ok = ();
    type Error = TextError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TextError> {
        self.item(value)
    }

    fn end(self) -> Result<(), TextError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeMap for Members<'_, '_> {
    type Ok = ();
    type Error = TextError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TextError> {
        self.key = Some(key.serialize(KeyWriter)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TextError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| TextError("a map value without its key".to_string()))?;
        self.member(Cow::Owned(key), value)
    }

    fn end(self) -> Result<(), TextError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for Members<'_, '_> {
    type Ok = ();
    type Error = TextError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), TextError> {
        self.member(Cow::Borrowed(name), value)
    }

    fn end(self) -> Result<(), TextError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStructVariant for Members<'_, '_> {
    type Ok = ();
    type Error = TextError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), TextError> {
        self.member(Cow::Borrowed(name), value)
    }

    fn end(self) -> Result<(), TextError> {
        self.close();
        Ok(())
    }
}

/// A map key as a JSON value's member name: a string, or a number or character written as one.
struct KeyWriter;

fn key_refused() -> TextError {
    TextError("key must be a string".to_string())
}

impl ser::Serializer for KeyWriter {
    type Ok = String;
    type Error = TextError;
    type SerializeSeq = Impossible<String, TextError>;
    type SerializeTuple = Impossible<String, TextError>;
    type SerializeTupleStruct = Impossible<String, TextError>;
    type SerializeTupleVariant = Impossible<String, TextError>;
    type SerializeMap = Impossible<String, TextError>;
    type SerializeStruct = Impossible<String, TextError>;
    type SerializeStructVariant = Impossible<String, TextError>;

    fn serialize_bool(self, value: bool) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_i8(self, value: i8) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_i16(self, value: i16) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_i32(self, value: i32) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_i64(self, value: i64) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_i128(self, value: i128) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_u8(self, value: u8) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_u16(self, value: u16) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_u32(self, value: u32) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_u64(self, value: u64) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_u128(self, value: u128) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_f32(self, _value: f32) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_f64(self, _value: f64) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_char(self, value: char) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_str(self, value: &str) -> Result<String, TextError> {
        Ok(value.to_string())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_none(self) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_unit(self) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, TextError> {
        Ok(variant.to_string())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, TextError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, TextError> {
        Err(key_refused())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, TextError> {
        Err(key_refused())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, TextError> {
        Err(key_refused())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, TextError> {
        Err(key_refused())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, TextError> {
        Err(key_refused())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, TextError> {
        Err(key_refused())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, TextError> {
        Err(key_refused())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, TextError> {
        Err(key_refused())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use sha2::{Digest, Sha256};

    use super::{hash_compact, write_pretty};
    use crate::bundle::canonical::{canonical_string, pretty_string};

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u32),
        Tuple(i8, String),
        Struct { zeta: bool, alpha: Option<f64> },
        EmptyTuple(),
    }

    #[derive(Serialize)]
    struct Awkward {
        // Declared out of canonical order, with names that sort differently in UTF-8 and UTF-16.
        zebra: Vec<Shape>,
        #[serde(rename = "\u{ffff}")]
        high: u8,
        #[serde(rename = "\u{1f600}")]
        astral: u8,
        numbers: Vec<f64>,
        big: u64,
        negative: i64,
        wide: i128,
        missing: Option<String>,
        text: String,
        empty_map: BTreeMap<String, u8>,
        empty_list: Vec<u8>,
        by_number: BTreeMap<u16, char>,
        bytes: serde_bytes_like::Bytes,
        unit: (),
    }

    mod serde_bytes_like {
        /// Serialises as bytes, which a JSON value writes as a list of numbers.
        pub struct Bytes(pub Vec<u8>);

        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(&self.0)
            }
        }
    }

    fn awkward() -> Awkward {
        Awkward {
            zebra: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-3, "x".into()),
                Shape::Struct {
                    zeta: true,
                    alpha: Some(0.1),
                },
                Shape::Struct {
                    zeta: false,
                    alpha: None,
                },
                Shape::EmptyTuple(),
            ],
            high: 1,
            astral: 2,
            numbers: vec![
                0.0,
                -0.0,
                1e21,
                1e-7,
                333333333.3333333,
                f64::NAN,
                f64::INFINITY,
            ],
            big: u64::MAX,
            negative: -42,
            wide: -(1 << 60),
            missing: None,
            text: "quote \" backslash \\ newline \n tab \t bell \u{7} Hà Nội ".into(),
            empty_map: BTreeMap::new(),
            empty_list: Vec::new(),
            by_number: BTreeMap::from([(10, 'a'), (9, 'b'), (100, '"')]),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            unit: (),
        }
    }

    #[test]
    fn writes_what_a_json_value_of_the_same_data_writes() {
        let value = serde_json::to_value(awkward()).unwrap();
        let mut out = String::new();
        write_pretty(&mut out, &awkward(), 0, None).unwrap();
        out.push('\n');
        assert_eq!(out, pretty_string(&value));
        let mut hasher = Sha256::new();
        hash_compact(&mut hasher, &out);
        assert_eq!(
            hasher.finalize().as_slice(),
            Sha256::digest(canonical_string(&value).as_bytes()).as_slice()
        );
    }

    #[test]
    fn leaves_out_the_named_member_of_the_top_object_only() {
        #[derive(Serialize)]
        struct Outer {
            imported: Inner,
            kept: Inner,
        }
        #[derive(Serialize)]
        struct Inner {
            imported: u8,
        }
        let outer = Outer {
            imported: Inner { imported: 1 },
            kept: Inner { imported: 2 },
        };
        let mut out = String::new();
        write_pretty(&mut out, &outer, 0, Some("imported")).unwrap();
        assert_eq!(out, "{\n  \"kept\": {\n    \"imported\": 2\n  }\n}");
    }

    #[test]
    fn refuses_keys_a_json_value_refuses() {
        let map = BTreeMap::from([(vec![1u8], 1u8)]);
        assert!(serde_json::to_value(&map).is_err());
        assert!(write_pretty(&mut String::new(), &map, 0, None).is_err());
    }
}
