//! The bundle reader: one door for untrusted files. Stages, each collecting every problem with its
//! JSON path before the next decides whether it can go on:
//!
//! 1. size (before parsing), UTF-8, byte order mark;
//! 2. JSON syntax with a nesting limit and duplicate member names;
//! 3. envelope: `format`, then `format_version` (a newer version is refused: this app reads up to
//!    v2; v1 files are read as ever), `kind`, `integrity` (algorithm, digest shape, digest value, and the signature when there
//!    is one: its shape, its algorithm, and that it verifies);
//! 4. a walk over every value: string lengths, negative numbers, integers above 2^53, dates;
//! 5. header and content records, each decoded on its own, then ids, duplicates, years, versions,
//!    counts and the kind's rules (a config bundle has no assessments; a ward bundle carries its ward
//!    and only its ward's assessments, and lists no keys);
//! 6. references and the signature's key against the keys pinned for the exporting unit, against
//!    the bundle itself or a store ([`super::check_bundle`]).

mod cycle;

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use serde_path_to_error::Segment;

use super::digesting::PiecewiseDigest;
use super::json::{
    ParseFailure, Parsed, PathStep, PiecewiseParse, child, index, parse, push_index, push_key,
    push_step, value_at,
};
use super::signature::{BundleSignature, KeyFingerprint, UncheckedSignature, read_signature};
use super::walk_plan::{WalkPiece, walk_plan};

mod attachments;
use super::{
    Bundle, BundleHeader, BundleKind, DIGEST_ALGORITHM, FORMAT_NAME, FORMAT_VERSION, Limits,
    Problem, ProblemKind, SourceIndex, canonical, check_bundle, check_references,
};
use crate::assessment::{ActionItem, Request, Track, year_in_range};
use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::ids::{CatalogueId, IdError, UnitId};
use crate::register::MvReg;
use crate::store::{AssessmentDoc, ItemRegisters, ListItem, ProvinceYearRecord, Store};
use crate::trust::TrustPolicy;
use crate::unit::{Unit, UnitKind};

/// The largest integer a JSON number can carry exactly (2^53).
const MAX_EXACT_INTEGER: u64 = super::limits::MAX_NUMBER;

/// How to read: limits, which kinds the context accepts (empty: any), the trust context (the
/// device's own keys, the person's decisions, the clock), and from what size a file is read in
/// pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The limits.
    pub limits: Limits,
    /// The kinds accepted here; a bundle of another kind is refused. Empty accepts any kind.
    pub accept: Vec<BundleKind>,
    /// The trust context of the store it is read for, when it is read for an import there (see
    /// [`crate::trust`]); `None` reads the file on its own terms (its signature verified, no
    /// question of whom it may speak for).
    pub trust: Option<TrustPolicy>,
    /// From this size on, a file's stages are cut in pieces ([`SteppedRead`]); the default is
    /// [`LARGE_FILE_BYTES`]. The result is the same either way.
    pub pieces_from_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            limits: Limits::default(),
            accept: Vec::new(),
            trust: None,
            pieces_from_bytes: LARGE_FILE_BYTES,
        }
    }
}

/// Reads a bundle on its own: it must be valid and self-contained.
pub fn read_bundle(bytes: &[u8], limits: &Limits) -> Result<Bundle, Vec<Problem>> {
    read_bundle_with(
        bytes,
        &ReadOptions {
            limits: limits.clone(),
            ..ReadOptions::default()
        },
        &Store::new(),
    )
}

/// Reads a bundle in the context of a store (references may point into it) and of the kinds
/// accepted.
pub fn read_bundle_with(
    bytes: &[u8],
    options: &ReadOptions,
    store: &Store,
) -> Result<Bundle, Vec<Problem>> {
    SteppedRead::new(bytes, options.clone()).finish(store)
}

/// From this size on, a file is read in pieces by default ([`SteppedRead`]).
pub const LARGE_FILE_BYTES: usize = 1 << 20;

/// About how much text one step of a large file's digest writes and hashes.
const PIECE_BYTES: usize = 1 << 19;

/// About how much text one step of a large file's parse reads (parsing goes about twice as fast
/// as writing and hashing the digest).
const PARSE_PIECE_BYTES: usize = 1 << 20;

/// How many records one step of a large file's read decodes.
const RECORDS_PER_STEP: usize = 32;

/// How many values near the root one step of the walk takes per record decoded in a step
/// (walking a record takes a fraction of the time of decoding it).
const WALK_PIECES_PER_RECORD: usize = 4;

/// A bundle read stage by stage: the same read as [`read_bundle_with`], whose stages (parsing,
/// the digest, the envelope with the signature, the walk over every value, the records) a
/// caller on a page's only thread runs one [`SteppedRead::step`] at a time. A large file's
/// stages are cut in pieces of about ten milliseconds each natively, two to four times that in
/// a slow laptop's browser (a province's bundle of 15 MB takes most of a second in all), so the
/// page can paint between them; the result is the same.
#[derive(Debug)]
pub struct SteppedRead<'a> {
    bytes: &'a [u8],
    options: ReadOptions,
    problems: Vec<Problem>,
    stage: Stage<'a>,
}

/// What the stages of a read have built so far.
#[derive(Debug)]
enum Stage<'a> {
    /// Nothing read yet.
    Start,
    /// A large file being parsed, a piece at a time.
    Parsing(PiecewiseParse<'a>),
    /// Parsed, and of this format and version.
    Parsed(Parsed),
    /// A large file's digest being written and hashed, a piece at a time.
    Digesting(Parsed, Box<PiecewiseDigest>),
    /// The envelope read, with a signature still to verify (here, or by the caller: see
    /// [`SteppedRead::pending_signature`]).
    Verifying(Box<Verifying>),
    /// The envelope read: the kind, and the digest and signature when they hold.
    Enveloped(Envelope),
    /// Every value being walked: the pieces of the walk, and the next to walk.
    Walking(Envelope, Vec<WalkPiece>, usize),
    /// Every value walked (limits, numbers, dates).
    Walked(Envelope),
    /// The header and the content's first records decoded; the assessments being decoded, a
    /// few at a time for a large file.
    Decoding(Box<Decoding>),
    /// Every stage run: the bundle, when each could build its part.
    Done(Option<Box<Bundle>>),
}

/// The parsed bundle with what its envelope gave.
#[derive(Debug)]
struct Envelope {
    root: Value,
    kind: Option<BundleKind>,
    integrity: Option<(String, Option<BundleSignature>)>,
}

/// A signature to verify, and what it is over.
#[derive(Debug)]
struct Verifying {
    envelope: Envelope,
    signature: UncheckedSignature,
    digest: String,
    /// The text the digest is the hash of, kept for a file read whole.
    signed_text: Option<String>,
    /// The verdict handed in by the caller, if any.
    verdict: Option<bool>,
}

/// A signature waiting to be verified ([`SteppedRead::pending_signature`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingSignature<'r> {
    /// The signing key, raw (uncompressed SEC1, 65 bytes).
    pub public_key: &'r [u8],
    /// The signature's 64 bytes `r ‖ s`.
    pub value: &'r [u8],
    /// The text it signs: its SHA-256 is the bundle's digest.
    pub signed_text: &'r [u8],
}

/// The records decoded so far.
#[derive(Debug)]
struct Decoding {
    envelope: Envelope,
    header: Option<BundleHeader>,
    store: Store,
    index: SourceIndex,
    /// The position of the next assessment to decode; `None` when they cannot be (the list is
    /// missing, not a list, or too long: the problem is recorded).
    next_assessment: Option<usize>,
}

impl<'a> SteppedRead<'a> {
    /// A read of `bytes` with `options`, no stage run yet.
    pub fn new(bytes: &'a [u8], options: ReadOptions) -> SteppedRead<'a> {
        SteppedRead {
            bytes,
            options,
            problems: Vec::new(),
            stage: Stage::Start,
        }
    }

    /// Whether this file's stages are cut in pieces.
    pub fn in_pieces(&self) -> bool {
        self.bytes.len() >= self.options.pieces_from_bytes
    }

    /// The signature the next step verifies, when the read kept the text it signs (a file read
    /// whole, not in pieces) and no verdict is in yet. A caller with a faster verifier (the
    /// browser's WebCrypto, which runs off the page's thread) may verify it there and hand the
    /// verdict to [`SteppedRead::signature_verified`]; otherwise the next step verifies it here.
    pub fn pending_signature(&self) -> Option<PendingSignature<'_>> {
        match &self.stage {
            Stage::Verifying(verifying) if verifying.verdict.is_none() => {
                verifying.signed_text.as_ref().map(|text| PendingSignature {
                    public_key: verifying.signature.public_key().raw(),
                    value: verifying.signature.value(),
                    signed_text: text.as_bytes(),
                })
            }
            _ => None,
        }
    }

    /// Hands in the verdict of an ECDSA P-256 SHA-256 verification of the pending signature
    /// ([`SteppedRead::pending_signature`]) over its signed text, made elsewhere; the next step
    /// takes it as its own check's. It is trusted: it must come from such a verification of
    /// exactly those bytes. Ignored when no signature is pending.
    pub fn signature_verified(&mut self, verified: bool) {
        if let Stage::Verifying(verifying) = &mut self.stage
            && verifying.verdict.is_none()
            && verifying.signed_text.is_some()
        {
            verifying.verdict = Some(verified);
        }
    }

    /// How many records (or values near the root) one step handles: a large file's stages
    /// are cut in pieces, a small file's run whole.
    fn pieces_per_step(&self) -> usize {
        if self.in_pieces() {
            RECORDS_PER_STEP
        } else {
            usize::MAX
        }
    }

    /// Runs the next stage, or the next piece of it for a large file; false once every stage
    /// has run (a stage that finds the file unreadable ends the read).
    pub fn step(&mut self) -> bool {
        let mut decoder = Decoder {
            limits: &self.options.limits,
            problems: std::mem::take(&mut self.problems),
        };
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done(None)) {
            Stage::Start => match decoder.text(self.bytes) {
                None => Stage::Done(None),
                Some(text) if self.in_pieces() => {
                    match PiecewiseParse::start(text, self.options.limits.max_depth) {
                        Ok(parse) => Stage::Parsing(parse),
                        Err(failure) => decoder.parsed(Err(failure)),
                    }
                }
                Some(text) => decoder.parsed(parse(text, self.options.limits.max_depth)),
            },
            Stage::Parsing(mut parse) => match parse.step(PARSE_PIECE_BYTES) {
                Ok(true) => Stage::Parsing(parse),
                Ok(false) => decoder.parsed(parse.finish()),
                Err(failure) => decoder.parsed(Err(failure)),
            },
            Stage::Parsed(parsed) if self.in_pieces() => {
                let digest = PiecewiseDigest::new(&parsed.value);
                Stage::Digesting(parsed, Box::new(digest))
            }
            Stage::Parsed(parsed) => {
                let text = canonical::digested_form_within(&parsed.value, self.bytes.len());
                let digest = canonical::sha256_hex(text.as_bytes());
                decoder.envelope_stage(parsed, digest, Some(text))
            }
            Stage::Digesting(parsed, mut digest) => {
                if digest.step(&parsed.value, PIECE_BYTES) {
                    Stage::Digesting(parsed, digest)
                } else {
                    let digest = digest.finish(&parsed.value);
                    decoder.envelope_stage(parsed, digest, None)
                }
            }
            Stage::Verifying(verifying) => {
                let Verifying {
                    mut envelope,
                    signature,
                    digest,
                    verdict,
                    ..
                } = *verifying;
                let checked = match verdict {
                    Some(verified) => signature.judged(verified),
                    None => signature.verify(&digest),
                };
                match checked {
                    Ok(signature) => envelope.integrity = Some((digest, Some(signature))),
                    Err(problem) => decoder.problems.push(problem),
                }
                Stage::Enveloped(envelope)
            }
            Stage::Enveloped(envelope) => {
                let pieces = walk_plan(&envelope.root);
                Stage::Walking(envelope, pieces, 0)
            }
            Stage::Walking(envelope, pieces, next) => {
                let count = self
                    .pieces_per_step()
                    .saturating_mul(WALK_PIECES_PER_RECORD);
                let end = next.saturating_add(count).min(pieces.len());
                for piece in &pieces[next..end] {
                    decoder.walk_piece(&envelope.root, piece);
                }
                if end < pieces.len() {
                    Stage::Walking(envelope, pieces, end)
                } else {
                    Stage::Walked(envelope)
                }
            }
            Stage::Walked(envelope) => match decoder.records_start(envelope) {
                Some(decoding) => Stage::Decoding(Box::new(decoding)),
                None => Stage::Done(None),
            },
            Stage::Decoding(mut decoding) => {
                if decoder.assessments(&mut decoding, self.pieces_per_step()) {
                    Stage::Decoding(decoding)
                } else {
                    Stage::Done(decoder.records_end(*decoding).map(Box::new))
                }
            }
            Stage::Done(bundle) => Stage::Done(bundle),
        };
        self.problems = decoder.problems;
        !matches!(self.stage, Stage::Done(_))
    }

    /// Runs the stages left, then checks the bundle in the context of `store` and of the kinds
    /// accepted: the bundle, or every problem found.
    pub fn finish(self, store: &Store) -> Result<Bundle, Vec<Problem>> {
        self.run().finish(store)
    }

    /// Runs the stages left, none of which looks at a store: what they found, no longer tied
    /// to the file's bytes, to be checked against a store by [`RunRead::finish`]. A caller
    /// with several files may run them on other threads while it imports the ones before
    /// (the command line's `pkm merge`); the result is that of [`SteppedRead::finish`].
    pub fn run(mut self) -> RunRead {
        while self.step() {}
        let bundle = match self.stage {
            Stage::Done(bundle) => bundle.map(|bundle| *bundle),
            _ => None,
        };
        RunRead {
            options: self.options,
            problems: self.problems,
            bundle,
        }
    }
}

/// A read whose stages have all run ([`SteppedRead::run`]), not yet checked against a store.
#[derive(Debug)]
pub struct RunRead {
    options: ReadOptions,
    problems: Vec<Problem>,
    bundle: Option<Bundle>,
}

impl RunRead {
    /// Checks the bundle in the context of `store` and of the kinds accepted: the bundle, or
    /// every problem found.
    pub fn finish(self, store: &Store) -> Result<Bundle, Vec<Problem>> {
        let bundle = self.bundle;
        let options = &self.options;
        let mut problems = self.problems;
        if let Some(bundle) = &bundle {
            if !options.accept.is_empty() && !options.accept.contains(&bundle.kind) {
                problems.push(Problem::new(
                    ProblemKind::WrongKind {
                        found: bundle.kind,
                        expected: options.accept.clone(),
                    },
                    "$.kind",
                ));
            }
            match &options.trust {
                Some(policy) => problems.extend(check_bundle(bundle, store, policy)),
                None => problems.extend(check_references(bundle, store)),
            }
        }
        match bundle {
            Some(bundle) if problems.is_empty() => Ok(bundle),
            _ => Err(problems),
        }
    }
}

struct Decoder<'a> {
    limits: &'a Limits,
    problems: Vec<Problem>,
}

/// Where the walk is: the formatted path of the piece it started from and the steps below it,
/// borrowed from the value walked. The steps are formatted only when a problem needs the path:
/// building the path of every value as the walk went was a fortieth of the 700 wards' preview.
struct WalkPath<'p, 'v> {
    base: &'p str,
    steps: Vec<WalkStep<'v>>,
}

/// One step of a [`WalkPath`].
enum WalkStep<'v> {
    Key(&'v str),
    Index(usize),
}

impl<'p> WalkPath<'p, '_> {
    fn new(base: &'p str) -> Self {
        WalkPath {
            base,
            steps: Vec::new(),
        }
    }

    /// The path formatted as the problems write it: `$.content.x[3].name`.
    fn formatted(&self) -> String {
        let mut path = self.base.to_string();
        for step in &self.steps {
            match step {
                WalkStep::Key(name) => push_key(&mut path, name),
                WalkStep::Index(position) => push_index(&mut path, *position),
            }
        }
        path
    }
}

fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

impl Decoder<'_> {
    fn push(&mut self, kind: ProblemKind, path: impl Into<String>) {
        self.problems.push(Problem::new(kind, path));
    }

    fn has_problem_under(&self, prefix: &str) -> bool {
        self.problems
            .iter()
            .any(|problem| is_under(&problem.path, prefix))
    }

    /// The file's text, when its size and encoding allow reading it.
    fn text<'b>(&mut self, bytes: &'b [u8]) -> Option<&'b str> {
        if bytes.len() > self.limits.max_file_bytes {
            self.push(
                ProblemKind::TooLarge {
                    bytes: bytes.len(),
                    max: self.limits.max_file_bytes,
                },
                "$",
            );
            return None;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                self.push(
                    ProblemKind::NotUtf8 {
                        offset: error.valid_up_to(),
                    },
                    "$",
                );
                return None;
            }
        };
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => {
                self.push(ProblemKind::Bom, "$");
                rest
            }
            None => text,
        };
        if text.trim().is_empty() {
            self.push(ProblemKind::Empty, "$");
            return None;
        }
        Some(text)
    }

    /// The stage after the parse: the parsed file when it is JSON of this format and version
    /// (else the read ends).
    fn parsed(&mut self, parse: Result<Parsed, ParseFailure>) -> Stage<'static> {
        match self.format(parse) {
            Some(parsed) => Stage::Parsed(parsed),
            None => Stage::Done(None),
        }
    }

    /// JSON syntax, and the format's name and version.
    fn format(&mut self, parse: Result<Parsed, ParseFailure>) -> Option<Parsed> {
        let parsed = match parse {
            Ok(parsed) => parsed,
            Err(ParseFailure::TooDeep) => {
                self.push(
                    ProblemKind::TooDeep {
                        max: self.limits.max_depth,
                    },
                    "$",
                );
                return None;
            }
            Err(ParseFailure::Truncated { line, column }) => {
                self.push(ProblemKind::Truncated { line, column }, "$");
                return None;
            }
            Err(ParseFailure::Syntax {
                line,
                column,
                detail,
            }) => {
                self.push(
                    ProblemKind::NotJson {
                        line,
                        column,
                        detail,
                    },
                    "$",
                );
                return None;
            }
        };
        let Some(members) = parsed
            .value
            .as_object()
            .filter(|members| members.get("format") == Some(&Value::from(FORMAT_NAME)))
        else {
            self.push(ProblemKind::NotABundle, "$");
            return None;
        };
        match members.get("format_version") {
            None => {
                self.push(ProblemKind::MissingFormatVersion, "$");
                return None;
            }
            Some(Value::Number(number))
                if number
                    .as_u64()
                    .is_some_and(|found| (1..=FORMAT_VERSION).contains(&found)) => {}
            Some(Value::Number(number))
                if number.as_u64().is_some_and(|found| found > FORMAT_VERSION) =>
            {
                let found = number.as_u64().unwrap_or(FORMAT_VERSION + 1);
                self.push(
                    ProblemKind::NewerFormatVersion {
                        found,
                        supported: FORMAT_VERSION,
                    },
                    "$.format_version",
                );
                return None;
            }
            Some(other) => {
                self.push(
                    ProblemKind::UnsupportedFormatVersion {
                        found: other.to_string(),
                    },
                    "$.format_version",
                );
                return None;
            }
        }
        Some(parsed)
    }

    /// Repeated names, the kind, the digest (`computed` from the file, the hash of
    /// `signed_text` when it was kept) and the signature's shape: the stage that verifies the
    /// signature when there is one, else the envelope read.
    fn envelope_stage(
        &mut self,
        parsed: Parsed,
        computed: String,
        signed_text: Option<String>,
    ) -> Stage<'static> {
        for (path, key) in parsed.duplicates {
            self.push(ProblemKind::DuplicateKey { key }, path);
        }
        let root = parsed.value;
        let (kind, integrity) = match root.as_object() {
            Some(members) => (self.kind(members), self.integrity(members, computed)),
            // The parse stage let only an object through.
            None => (None, None),
        };
        match integrity {
            Some((digest, Some(signature))) => Stage::Verifying(Box::new(Verifying {
                envelope: Envelope {
                    root,
                    kind,
                    integrity: None,
                },
                signature,
                digest,
                signed_text,
                verdict: None,
            })),
            integrity => Stage::Enveloped(Envelope {
                root,
                kind,
                integrity: integrity.map(|(digest, _)| (digest, None)),
            }),
        }
    }

    /// The header and the content's records up to the assessments; `None` when there is no
    /// content to decode.
    fn records_start(&mut self, envelope: Envelope) -> Option<Decoding> {
        let members = envelope.root.as_object()?;
        let header = self.header(members);
        let content = self.content(members)?;
        let mut store = Store::new();
        let mut index = SourceIndex::default();
        self.units(content, &mut store, &mut index);
        self.province_records(content, "quotas", &mut index, |store_key, register, _| {
            store.quotas.entry(store_key).or_default().merge(&register);
        });
        self.province_records(
            content,
            "year_catalogues",
            &mut index,
            |store_key, register: MvReg<CatalogueId>, _| {
                store
                    .year_catalogues
                    .entry(store_key)
                    .or_default()
                    .merge(&register);
            },
        );
        self.catalogues(content, &mut store, &mut index);
        self.conclusions(content, &mut store, &mut index);
        self.decisions(content, &mut store, &mut index);
        let next_assessment = self.assessment_list(content).map(|_| 0);
        Some(Decoding {
            envelope,
            header,
            store,
            index,
            next_assessment,
        })
    }

    /// The keys and the kind's rules, once the assessments are decoded: the bundle, when every
    /// part of it could be built.
    fn records_end(&mut self, decoding: Decoding) -> Option<Bundle> {
        let Decoding {
            envelope,
            header,
            mut store,
            index,
            ..
        } = decoding;
        let Envelope {
            root,
            kind,
            integrity,
        } = envelope;
        let content = root.get("content").and_then(Value::as_object)?;
        self.keys(content, &mut store);
        self.attachment_totals(&store);
        if let (Some(kind), Some(header)) = (kind, &header) {
            self.kind_rules(kind, header, content, &store, &index);
        }
        // A partly decoded content is still returned so that reference checks can run; the
        // bundle is refused anyway because problems were recorded.
        match (kind, header, integrity) {
            (Some(kind), Some(header), Some((digest, signature))) => Some(Bundle {
                kind,
                header,
                content: store,
                digest,
                signature,
                index,
            }),
            _ => None,
        }
    }

    fn kind(&mut self, members: &Map<String, Value>) -> Option<BundleKind> {
        match members.get("kind") {
            None => {
                self.push(
                    ProblemKind::MissingField {
                        field: "kind".to_string(),
                    },
                    "$",
                );
                None
            }
            Some(Value::String(text)) => match text.as_str() {
                "ward" => Some(BundleKind::Ward),
                "province" => Some(BundleKind::Province),
                "config" => Some(BundleKind::Config),
                "feedback" => Some(BundleKind::Feedback),
                other => {
                    self.push(
                        ProblemKind::UnknownKind {
                            found: other.to_string(),
                        },
                        "$.kind",
                    );
                    None
                }
            },
            Some(other) => {
                self.push(
                    ProblemKind::UnknownKind {
                        found: other.to_string(),
                    },
                    "$.kind",
                );
                None
            }
        }
    }

    /// The digest (`computed` from the file, checked against the one written) and, when the
    /// file is signed, the verified signature.
    fn integrity(
        &mut self,
        members: &Map<String, Value>,
        computed: String,
    ) -> Option<(String, Option<UncheckedSignature>)> {
        let Some(integrity) = members.get("integrity") else {
            self.push(ProblemKind::MissingIntegrity, "$");
            return None;
        };
        let Some(integrity) = integrity.as_object() else {
            self.push(
                ProblemKind::InvalidRecord {
                    detail: "integrity must be an object".to_string(),
                },
                "$.integrity",
            );
            return None;
        };
        let mut fine = true;
        match integrity.get("algorithm") {
            Some(Value::String(algorithm)) if algorithm == DIGEST_ALGORITHM => {}
            Some(Value::String(algorithm)) => {
                self.push(
                    ProblemKind::UnknownAlgorithm {
                        found: algorithm.clone(),
                    },
                    "$.integrity.algorithm",
                );
                fine = false;
            }
            Some(other) => {
                self.push(
                    ProblemKind::UnknownAlgorithm {
                        found: other.to_string(),
                    },
                    "$.integrity.algorithm",
                );
                fine = false;
            }
            None => {
                self.push(
                    ProblemKind::MissingField {
                        field: "algorithm".to_string(),
                    },
                    "$.integrity",
                );
                fine = false;
            }
        }
        let written = match integrity.get("digest") {
            Some(Value::String(digest))
                if digest.len() == 64
                    && digest
                        .bytes()
                        .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f')) =>
            {
                Some(digest.clone())
            }
            Some(_) => {
                self.push(ProblemKind::MalformedDigest, "$.integrity.digest");
                None
            }
            None => {
                self.push(
                    ProblemKind::MissingField {
                        field: "digest".to_string(),
                    },
                    "$.integrity",
                );
                None
            }
        };
        let written = written?;
        if !fine {
            return None;
        }
        if written != computed {
            self.push(
                ProblemKind::WrongDigest { computed, written },
                "$.integrity.digest",
            );
            return None;
        }
        let signature = match integrity.get("signature") {
            None => None,
            Some(value) => match read_signature(value) {
                Ok(signature) => Some(signature),
                Err(problem) => {
                    self.problems.push(problem);
                    return None;
                }
            },
        };
        Some((computed, signature))
    }

    /// Walks one piece of the walk's plan over `root`.
    fn walk_piece(&mut self, root: &Value, piece: &WalkPiece) {
        match piece {
            WalkPiece::Name { path, name } => {
                if let Some(kind) = self.string_problem(name) {
                    self.push(kind, path.as_str());
                }
            }
            WalkPiece::Value { steps, path, key } => {
                if let Some(value) = value_at(root, steps) {
                    self.walk(value, &mut WalkPath::new(path), key.as_deref());
                }
            }
        }
    }

    fn walk<'v>(&mut self, value: &'v Value, path: &mut WalkPath<'_, 'v>, key: Option<&str>) {
        match value {
            Value::String(text) => {
                if let Some(kind) = self.string_problem(text) {
                    self.push(kind, path.formatted());
                }
                if matches!(key, Some("date" | "deadline")) {
                    match Date::parse_iso(text) {
                        Err(_) => self.push(
                            ProblemKind::InvalidDate { text: text.clone() },
                            path.formatted(),
                        ),
                        Ok(date) if !year_in_range(date.year()) => {
                            self.push(
                                ProblemKind::DateOutOfRange {
                                    date: date.to_iso(),
                                },
                                path.formatted(),
                            );
                        }
                        Ok(_) => {}
                    }
                }
            }
            Value::Number(number) => {
                let negative = number.as_i64().is_some_and(|signed| signed < 0)
                    || number.as_f64().is_some_and(|double| double < 0.0);
                if negative {
                    self.push(
                        ProblemKind::NegativeNumber {
                            value: number.to_string(),
                        },
                        path.formatted(),
                    );
                } else if number
                    .as_u64()
                    .is_some_and(|unsigned| unsigned > MAX_EXACT_INTEGER)
                    || number
                        .as_f64()
                        .is_some_and(|double| double > MAX_EXACT_INTEGER as f64)
                {
                    self.push(
                        ProblemKind::NumberTooLarge {
                            value: number.to_string(),
                        },
                        path.formatted(),
                    );
                }
            }
            Value::Array(items) => {
                for (position, item) in items.iter().enumerate() {
                    path.steps.push(WalkStep::Index(position));
                    self.walk(item, path, None);
                    path.steps.pop();
                }
            }
            Value::Object(members) => {
                for (name, member) in members {
                    path.steps.push(WalkStep::Key(name));
                    if let Some(kind) = self.string_problem(name) {
                        self.push(kind, path.formatted());
                    }
                    self.walk(member, path, Some(name));
                    path.steps.pop();
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
    }

    /// The problem with a text longer than the limits allow, if it is.
    fn string_problem(&self, text: &str) -> Option<ProblemKind> {
        let max = self.limits.max_string_chars;
        if text.len() <= max {
            return None;
        }
        let chars = text.chars().count();
        (chars > max).then_some(ProblemKind::StringTooLong { chars, max })
    }

    fn decode_as<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Option<T> {
        // Decoded without tracking the path first: keeping the path of every value decoded was
        // a seventh of the 700 wards' preview, and only a record that fails needs it. That one
        // is decoded again, tracking, which fails the same way and says where.
        if let Ok(decoded) = T::deserialize(value) {
            return Some(decoded);
        }
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(decoded) => Some(decoded),
            Err(error) => {
                if !self.has_problem_under(path) {
                    let mut full = path.to_string();
                    for segment in error.path().iter() {
                        match segment {
                            Segment::Seq { index } => {
                                push_step(&mut full, &PathStep::Index(*index))
                            }
                            Segment::Map { key } => {
                                push_step(&mut full, &PathStep::Key(key.clone()))
                            }
                            Segment::Enum { .. } | Segment::Unknown => {}
                        }
                    }
                    self.push(
                        ProblemKind::InvalidRecord {
                            detail: error.inner().to_string(),
                        },
                        full,
                    );
                }
                None
            }
        }
    }

    fn check_id(&mut self, id: Result<(), IdError>, text: &str, path: impl Into<String>) -> bool {
        match id {
            Ok(()) => true,
            Err(error) => {
                self.push(
                    ProblemKind::InvalidId {
                        error,
                        id: text.to_string(),
                    },
                    path,
                );
                false
            }
        }
    }

    fn count(&mut self, what: &str, count: usize, max: usize, path: &str) -> bool {
        if count > max {
            self.push(
                ProblemKind::TooMany {
                    what: what.to_string(),
                    count,
                    max,
                },
                path,
            );
            return false;
        }
        true
    }

    fn header(&mut self, members: &Map<String, Value>) -> Option<BundleHeader> {
        let Some(value) = members.get("header") else {
            self.push(
                ProblemKind::MissingField {
                    field: "header".to_string(),
                },
                "$",
            );
            return None;
        };
        let header: BundleHeader = self.decode_as(value, "$.header")?;
        let mut fine = true;
        fine &= self.check_id(
            header.bundle_id.check(),
            header.bundle_id.as_str(),
            "$.header.bundle_id",
        );
        fine &= self.check_id(
            header.device_id.check(),
            header.device_id.as_str(),
            "$.header.device_id",
        );
        fine &= self.check_id(
            header.unit_id.check(),
            header.unit_id.as_str(),
            "$.header.unit_id",
        );
        let device = &header.exported_at.hlc.device;
        fine &= self.check_id(
            device.check(),
            device.as_str(),
            "$.header.exported_at.hlc.device",
        );
        for (position, reference) in header.catalogues.iter().enumerate() {
            let path = format!("$.header.catalogues[{position}].id");
            fine &= self.check_id(reference.id.check(), reference.id.as_str(), path);
        }
        fine.then_some(header)
    }

    fn check_register<T>(&mut self, register: &MvReg<T>, path: &str) -> bool
    where
        T: Clone + PartialEq + serde::Serialize,
    {
        let mut fine = self.count(
            "entries",
            register.siblings().len(),
            self.limits.max_entries_per_register,
            path,
        );
        for (position, entry) in register.siblings().iter().enumerate() {
            let entry_path = index(path, position);
            let device = &entry.at.device;
            fine &= self.check_id(
                device.check(),
                device.as_str(),
                format!("{entry_path}.at.device"),
            );
            let vv_path = format!("{entry_path}.vv");
            let devices = entry.vv.iter().count();
            fine &= self.count(
                "devices",
                devices,
                self.limits.max_devices_per_version,
                &vv_path,
            );
            if devices == 0 {
                self.push(
                    ProblemKind::InvalidVersion {
                        detail: "empty version vector".to_string(),
                    },
                    vv_path.clone(),
                );
                fine = false;
            }
            for (vv_device, counter) in entry.vv.iter() {
                fine &= self.check_id(
                    vv_device.check(),
                    vv_device.as_str(),
                    child(&vv_path, vv_device.as_str()),
                );
                if counter == 0 {
                    self.push(
                        ProblemKind::InvalidVersion {
                            detail: format!("counter 0 for device {vv_device}"),
                        },
                        child(&vv_path, vv_device.as_str()),
                    );
                    fine = false;
                } else if counter > crate::trust::MAX_COUNTER {
                    self.push(
                        ProblemKind::CounterTooLarge {
                            counter,
                            max: crate::trust::MAX_COUNTER,
                        },
                        child(&vv_path, vv_device.as_str()),
                    );
                    fine = false;
                }
            }
            if devices > 0 && entry.vv.get(device) == 0 {
                self.push(
                    ProblemKind::InvalidVersion {
                        detail: format!(
                            "the writing device {device} is missing from its own version vector"
                        ),
                    },
                    vv_path,
                );
                fine = false;
            }
        }
        fine
    }

    fn object<'v>(
        &mut self,
        content: &'v Map<String, Value>,
        name: &str,
    ) -> Option<&'v Map<String, Value>> {
        match content.get(name) {
            None => {
                self.push(
                    ProblemKind::MissingField {
                        field: name.to_string(),
                    },
                    "$.content",
                );
                None
            }
            Some(Value::Object(members)) => Some(members),
            Some(_) => {
                self.push(
                    ProblemKind::InvalidRecord {
                        detail: format!("{name} must be an object"),
                    },
                    child("$.content", name),
                );
                None
            }
        }
    }

    fn array<'v>(&mut self, content: &'v Map<String, Value>, name: &str) -> Option<&'v Vec<Value>> {
        match content.get(name) {
            None => {
                self.push(
                    ProblemKind::MissingField {
                        field: name.to_string(),
                    },
                    "$.content",
                );
                None
            }
            Some(Value::Array(items)) => Some(items),
            Some(_) => {
                self.push(
                    ProblemKind::InvalidRecord {
                        detail: format!("{name} must be an array"),
                    },
                    child("$.content", name),
                );
                None
            }
        }
    }

    /// The content object, or `None` (with the problem recorded).
    fn content<'v>(&mut self, members: &'v Map<String, Value>) -> Option<&'v Map<String, Value>> {
        let Some(value) = members.get("content") else {
            self.push(
                ProblemKind::MissingField {
                    field: "content".to_string(),
                },
                "$",
            );
            return None;
        };
        let Some(content) = value.as_object() else {
            self.push(
                ProblemKind::InvalidRecord {
                    detail: "content must be an object".to_string(),
                },
                "$.content",
            );
            return None;
        };
        Some(content)
    }

    fn units(
        &mut self,
        content: &Map<String, Value>,
        store: &mut Store,
        index_out: &mut SourceIndex,
    ) {
        let Some(units) = self.object(content, "units") else {
            return;
        };
        if !self.count(
            "units",
            units.len(),
            self.limits.max_units,
            "$.content.units",
        ) {
            return;
        }
        for (key, value) in units {
            let path = child("$.content.units", key);
            let key_id: UnitId = match serde_json::from_value(Value::String(key.clone())) {
                Ok(id) => id,
                Err(_) => continue,
            };
            if !self.check_id(key_id.check(), key, path.clone()) {
                continue;
            }
            let Some(register) = self.decode_as::<MvReg<Unit>>(value, &path) else {
                index_out.broken_units.insert(key_id);
                continue;
            };
            let mut fine = self.check_register(&register, &path);
            for (position, entry) in register.siblings().iter().enumerate() {
                let Some(unit) = &entry.value else { continue };
                let value_path = format!("{}.value", index(&path, position));
                if unit.id != key_id {
                    self.push(
                        ProblemKind::IdMismatch {
                            key: key.clone(),
                            found: unit.id.to_string(),
                        },
                        format!("{value_path}.id"),
                    );
                    fine = false;
                }
                if let Some(parent) = &unit.parent {
                    fine &= self.check_id(
                        parent.check(),
                        parent.as_str(),
                        format!("{value_path}.parent"),
                    );
                }
                if unit.name_vi.trim().is_empty() {
                    self.push(ProblemKind::EmptyText, format!("{value_path}.name_vi"));
                    fine = false;
                }
            }
            if fine {
                store.units.entry(key_id).or_default().merge(&register);
            } else {
                index_out.broken_units.insert(key_id);
            }
        }
    }

    /// The optional `keys` and `revoked` members: unit id → fingerprints of the signing keys
    /// pinned (or revoked) for it.
    fn keys(&mut self, content: &Map<String, Value>, store: &mut Store) {
        store.keys = self.key_sets(content, "keys");
        store.revoked = self.key_sets(content, "revoked");
    }

    /// One member of unit id → set of key fingerprints.
    fn key_sets(
        &mut self,
        content: &Map<String, Value>,
        member: &str,
    ) -> BTreeMap<UnitId, BTreeSet<KeyFingerprint>> {
        let mut sets = BTreeMap::new();
        let Some(value) = content.get(member) else {
            return sets;
        };
        let base = format!("$.content.{member}");
        let base = base.as_str();
        let Some(members) = value.as_object() else {
            self.push(
                ProblemKind::InvalidRecord {
                    detail: format!("{member} must be an object"),
                },
                base,
            );
            return sets;
        };
        if !self.count("units", members.len(), self.limits.max_units, base) {
            return sets;
        }
        for (unit, list) in members {
            let path = child(base, unit);
            let unit_id = match UnitId::new(unit.as_str()) {
                Ok(unit_id) => unit_id,
                Err(error) => {
                    self.push(
                        ProblemKind::InvalidId {
                            error,
                            id: unit.clone(),
                        },
                        path,
                    );
                    continue;
                }
            };
            let Some(items) = list.as_array() else {
                self.push(
                    ProblemKind::InvalidRecord {
                        detail: "the keys of a unit are an array of fingerprints".to_string(),
                    },
                    path,
                );
                continue;
            };
            if !self.count(
                "entries",
                items.len(),
                self.limits.max_entries_per_register,
                &path,
            ) {
                continue;
            }
            let mut keys = BTreeSet::new();
            for (position, item) in items.iter().enumerate() {
                let item_path = index(&path, position);
                match item.as_str().map(KeyFingerprint::new) {
                    Some(Ok(fingerprint)) => {
                        if !keys.insert(fingerprint.clone()) {
                            self.push(
                                ProblemKind::DuplicateId {
                                    id: fingerprint.to_string(),
                                },
                                item_path,
                            );
                        }
                    }
                    _ => self.push(
                        ProblemKind::InvalidRecord {
                            detail: "a key fingerprint is 64 lowercase hexadecimal digits"
                                .to_string(),
                        },
                        item_path,
                    ),
                }
            }
            if !keys.is_empty() {
                sets.insert(unit_id, keys);
            }
        }
        sets
    }

    fn province_records<T, F>(
        &mut self,
        content: &Map<String, Value>,
        name: &str,
        index_out: &mut SourceIndex,
        mut insert: F,
    ) where
        T: Clone + PartialEq + serde::Serialize + DeserializeOwned + RecordValue,
        F: FnMut((UnitId, u16), MvReg<T>, usize),
    {
        let Some(items) = self.array(content, name) else {
            return;
        };
        let base = child("$.content", name);
        if !self.count(name, items.len(), self.limits.max_province_records, &base) {
            return;
        }
        let mut seen = BTreeSet::new();
        for (position, value) in items.iter().enumerate() {
            let path = index(&base, position);
            let Some(record) = self.decode_as::<ProvinceYearRecord<T>>(value, &path) else {
                continue;
            };
            let mut fine = self.check_id(
                record.province.check(),
                record.province.as_str(),
                format!("{path}.province"),
            );
            if !year_in_range(record.year) {
                self.push(
                    ProblemKind::YearOutOfRange {
                        year: u64::from(record.year),
                    },
                    format!("{path}.year"),
                );
                fine = false;
            }
            let versions_path = format!("{path}.versions");
            fine &= self.check_register(&record.versions, &versions_path);
            for (entry_position, entry) in record.versions.siblings().iter().enumerate() {
                if let Some(value) = &entry.value {
                    fine &= value.check_value(
                        self,
                        &format!("{}.value", index(&versions_path, entry_position)),
                    );
                }
            }
            let key = (record.province.clone(), record.year);
            if !seen.insert(key.clone()) {
                self.push(
                    ProblemKind::DuplicateId {
                        id: format!("{} {}", record.province, record.year),
                    },
                    path,
                );
                continue;
            }
            if fine {
                if name == "quotas" {
                    index_out.quotas.insert(key.clone(), position);
                } else {
                    index_out.year_catalogues.insert(key.clone(), position);
                }
                insert(key, record.versions, position);
            }
        }
    }

    fn catalogues(
        &mut self,
        content: &Map<String, Value>,
        store: &mut Store,
        index_out: &mut SourceIndex,
    ) {
        let Some(items) = self.array(content, "catalogues") else {
            return;
        };
        if !self.count(
            "catalogues",
            items.len(),
            self.limits.max_catalogues,
            "$.content.catalogues",
        ) {
            return;
        }
        for (position, value) in items.iter().enumerate() {
            let path = index("$.content.catalogues", position);
            let criteria_count: usize = value
                .get("groups")
                .and_then(Value::as_array)
                .map(|groups| {
                    groups
                        .iter()
                        .filter_map(|group| group.get("criteria").and_then(Value::as_array))
                        .map(Vec::len)
                        .sum()
                })
                .unwrap_or(0);
            let declared_id = value
                .get("catalog_id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if !self.count(
                "criteria",
                criteria_count,
                self.limits.max_criteria_per_catalogue,
                &path,
            ) {
                index_out.broken_catalogues.insert(declared_id);
                continue;
            }
            match Catalogue::from_value_all(value) {
                Ok(catalogue) => {
                    if store.catalogues.contains_key(&catalogue.id) {
                        self.push(
                            ProblemKind::DuplicateId {
                                id: catalogue.id.to_string(),
                            },
                            format!("{path}.catalog_id"),
                        );
                        continue;
                    }
                    index_out.catalogues.insert(catalogue.id.clone(), position);
                    store.catalogues.insert(catalogue.id.clone(), catalogue);
                }
                Err(errors) => {
                    for error in errors {
                        let inner = error.path().trim_start_matches('$').to_string();
                        let error_path = format!("{path}{inner}");
                        if !self.has_problem_under(&error_path) {
                            self.push(ProblemKind::InvalidCatalogue { error }, error_path);
                        }
                    }
                    index_out.broken_catalogues.insert(declared_id);
                }
            }
        }
    }

    /// The list of assessments, when it is a list within the limit (else the problem is
    /// recorded).
    fn assessment_list<'v>(&mut self, content: &'v Map<String, Value>) -> Option<&'v Vec<Value>> {
        let items = self.array(content, "assessments")?;
        self.count(
            "assessments",
            items.len(),
            self.limits.max_assessments,
            "$.content.assessments",
        )
        .then_some(items)
    }

    /// Decodes up to `count` more assessments into the store; false once none is left.
    fn assessments(&mut self, decoding: &mut Decoding, count: usize) -> bool {
        let Decoding {
            envelope,
            store,
            index: index_out,
            next_assessment,
            ..
        } = decoding;
        let Some(start) = *next_assessment else {
            return false;
        };
        let Some(items) = envelope
            .root
            .get_mut("content")
            .and_then(|content| content.get_mut("assessments"))
            .and_then(Value::as_array_mut)
        else {
            return false;
        };
        let end = start.saturating_add(count).min(items.len());
        for (position, item) in items.iter_mut().enumerate().take(end).skip(start) {
            let path = index("$.content.assessments", position);
            // Each value is let go of once decoded (the list keeps its length for the kind's
            // rules), so a large file's tree is freed a step at a time, not at once at the end.
            let value = std::mem::take(item);
            let Some(doc) = self.decode_as::<AssessmentDoc>(&value, &path) else {
                continue;
            };
            if !self.assessment(&doc, &path) {
                continue;
            }
            let key = doc.key();
            if store.assessments.contains_key(&key) {
                self.push(
                    ProblemKind::DuplicateId {
                        id: format!("{} {}", key.unit, key.year),
                    },
                    path,
                );
                continue;
            }
            // A document the app exported is already in the form joining leaves it, and is
            // kept as decoded; any other is joined into a fresh one, which normalises it.
            let normalised = if doc.is_joined_form() {
                doc
            } else {
                doc.copied_as_new().0
            };
            index_out.assessments.insert(key.clone(), position);
            store.assessments.insert(key, normalised);
        }
        *next_assessment = Some(end);
        end < items.len()
    }

    fn assessment(&mut self, doc: &AssessmentDoc, path: &str) -> bool {
        let max_items = self.limits.max_items_per_assessment;
        let mut fine = self.check_id(
            doc.unit().check(),
            doc.unit().as_str(),
            format!("{path}.unit"),
        );
        if !doc.has_valid_year() {
            self.push(
                ProblemKind::YearOutOfRange {
                    year: u64::from(doc.year()),
                },
                format!("{path}.year"),
            );
            fine = false;
        }
        let track_path = format!("{path}.track");
        fine &= self.check_register(doc.track(), &track_path);
        for (position, entry) in doc.track().siblings().iter().enumerate() {
            if let Some(Track::Maintain { since_year }) = entry.value
                && (!year_in_range(since_year) || since_year >= doc.year())
            {
                self.push(
                    ProblemKind::YearOutOfRange {
                        year: u64::from(since_year),
                    },
                    format!("{}.value.since_year", index(&track_path, position)),
                );
                fine = false;
            }
        }
        let catalogue_path = format!("{path}.catalogue");
        fine &= self.check_register(doc.catalogue(), &catalogue_path);
        for (position, entry) in doc.catalogue().siblings().iter().enumerate() {
            if let Some(id) = &entry.value {
                fine &= self.check_id(
                    id.check(),
                    id.as_str(),
                    format!("{}.value", index(&catalogue_path, position)),
                );
            }
        }
        let criteria_path = format!("{path}.criteria");
        fine &= self.count("items", doc.criteria().len(), max_items, &criteria_path);
        for (criterion, register) in doc.criteria() {
            let register_path = child(&criteria_path, criterion.as_str());
            fine &= self.check_id(criterion.check(), criterion.as_str(), register_path.clone());
            fine &= self.check_register(register, &register_path);
            for (position, entry) in register.siblings().iter().enumerate() {
                let Some(value) = &entry.value else { continue };
                let evidence_path = format!("{}.value.evidence", index(&register_path, position));
                fine &= self.count(
                    "evidence",
                    value.evidence.len(),
                    self.limits.max_evidence_per_entry,
                    &evidence_path,
                );
                let mut seen = BTreeSet::new();
                for (evidence_position, evidence) in value.evidence.iter().enumerate() {
                    let id_path = format!("{}.id", index(&evidence_path, evidence_position));
                    fine &=
                        self.check_id(evidence.id.check(), evidence.id.as_str(), id_path.clone());
                    if !seen.insert(&evidence.id) {
                        self.push(
                            ProblemKind::DuplicateId {
                                id: evidence.id.to_string(),
                            },
                            id_path,
                        );
                        fine = false;
                    }
                    fine &= self.attachment_refs(
                        &evidence.attachments,
                        &index(&evidence_path, evidence_position),
                    );
                }
            }
        }
        fine &= self.item_list(doc.items::<ActionItem>(), path);
        fine &= self.item_list(doc.items::<Request>(), path);
        let reviews_path = format!("{path}.reviews");
        fine &= self.count("items", doc.reviews().len(), max_items, &reviews_path);
        for (criterion, register) in doc.reviews() {
            let register_path = child(&reviews_path, criterion.as_str());
            fine &= self.check_id(criterion.check(), criterion.as_str(), register_path.clone());
            fine &= self.check_register(register, &register_path);
        }
        fine
    }

    /// One of an assessment's item lists (actions, requests): its length, each item's id, its
    /// register, and in every version the id matching the key, the required text, and the id of
    /// the criterion it refers to.
    fn item_list<T: ListItem>(&mut self, list: &ItemRegisters<T>, path: &str) -> bool {
        let list_path = format!("{path}.{}", T::MEMBER);
        let max_items = self.limits.max_items_per_assessment;
        let mut fine = self.count("items", list.len(), max_items, &list_path);
        for (item, register) in list {
            let register_path = child(&list_path, item.as_str());
            fine &= self.check_id(item.check(), item.as_str(), register_path.clone());
            fine &= self.check_register(register, &register_path);
            for (position, entry) in register.siblings().iter().enumerate() {
                let Some(value) = &entry.value else { continue };
                let value_path = format!("{}.value", index(&register_path, position));
                if value.id() != item {
                    self.push(
                        ProblemKind::IdMismatch {
                            key: item.to_string(),
                            found: value.id().to_string(),
                        },
                        format!("{value_path}.id"),
                    );
                    fine = false;
                }
                if value.required_text().trim().is_empty() {
                    self.push(
                        ProblemKind::EmptyText,
                        format!("{value_path}.{}", T::REQUIRED_TEXT),
                    );
                    fine = false;
                }
                if let Some(criterion) = value.criterion() {
                    fine &= self.check_id(
                        criterion.check(),
                        criterion.as_str(),
                        format!("{value_path}.criterion"),
                    );
                }
            }
        }
        fine
    }

    fn kind_rules(
        &mut self,
        kind: BundleKind,
        header: &BundleHeader,
        content: &Map<String, Value>,
        store: &Store,
        index_out: &SourceIndex,
    ) {
        let assessment_count = content
            .get("assessments")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        match kind {
            BundleKind::Config if assessment_count > 0 => {
                self.push(ProblemKind::AssessmentsInConfig, "$.content.assessments");
            }
            BundleKind::Ward => {
                for member in ["keys", "revoked"] {
                    if content
                        .get(member)
                        .and_then(Value::as_object)
                        .is_some_and(|keys| !keys.is_empty())
                    {
                        self.push(ProblemKind::KeysInWardBundle, format!("$.content.{member}"));
                    }
                }
                if !store.units.contains_key(&header.unit_id)
                    && !index_out.broken_units.contains(&header.unit_id)
                {
                    self.push(
                        ProblemKind::ExportingUnitMissing {
                            unit: header.unit_id.to_string(),
                        },
                        "$.header.unit_id",
                    );
                }
                if store
                    .unit(&header.unit_id)
                    .is_some_and(|unit| matches!(unit.kind, UnitKind::Province | UnitKind::Middle))
                {
                    self.push(
                        ProblemKind::NotAWard {
                            id: header.unit_id.to_string(),
                        },
                        "$.header.unit_id",
                    );
                }
                for member in ["quotas", "year_catalogues"] {
                    if content
                        .get(member)
                        .and_then(Value::as_array)
                        .is_some_and(|records| !records.is_empty())
                    {
                        self.push(ProblemKind::SettingsInWard, format!("$.content.{member}"));
                    }
                }
                for (key, position) in &index_out.assessments {
                    if key.unit != header.unit_id {
                        self.push(
                            ProblemKind::ForeignAssessment {
                                unit: key.unit.to_string(),
                                exporting: header.unit_id.to_string(),
                            },
                            format!("$.content.assessments[{position}].unit"),
                        );
                    }
                }
            }
            BundleKind::Config | BundleKind::Province | BundleKind::Feedback => {}
        }
    }
}

/// Checks of the value inside a province-and-year record.
trait RecordValue {
    fn check_value(&self, decoder: &mut Decoder<'_>, path: &str) -> bool;
}

impl RecordValue for u32 {
    fn check_value(&self, _decoder: &mut Decoder<'_>, _path: &str) -> bool {
        true
    }
}

impl RecordValue for CatalogueId {
    fn check_value(&self, decoder: &mut Decoder<'_>, path: &str) -> bool {
        decoder.check_id(self.check(), self.as_str(), path)
    }
}
