//! What a workbook may make the tool allocate, checked before calamine opens it.
//!
//! Opening a workbook reads some of its parts whole: the shared-string table (whose
//! declared `uniqueCount` calamine reserves up front), the styles, the workbook and
//! its relationships. A part is inflated from the zip as it is read, so a few
//! kilobytes of zip can stand for gigabytes. Each limit here is checked on what the
//! file declares (the zip's central directory, the `uniqueCount`) or on a count made
//! while streaming a part through a fixed buffer, never on something allocated first.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;

use super::{refused, Refusal};

/// The largest inflated size of a part of a workbook: a sheet of a million rows of
/// a dozen numbers is about this size; a larger one is read as CSV, which streams.
pub const MAX_PART_BYTES: u64 = 256 << 20;

/// The most a part larger than [`RATIO_GRACE_BYTES`] may inflate relative to its
/// compressed size (Apache POI's default, which refuses a zip bomb and accepts the
/// workbooks that spreadsheet programs write).
pub const MAX_INFLATE_RATIO: u64 = 100;

/// Parts up to this inflated size may inflate at any ratio: they cost little.
pub const RATIO_GRACE_BYTES: u64 = 1 << 20;

/// The most shared strings a workbook may hold or declare: twice a full sheet's
/// million rows, each taking 24 bytes and more in memory.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;

/// The most XML elements in a part that calamine keeps whole besides the shared
/// strings (styles, workbook, relationships, theme): Excel itself allows 64,000
/// cell formats, each a few elements.
pub const MAX_ELEMENTS: u64 = 1_000_000;

/// Refuses a workbook whose parts would inflate beyond the limits, or whose
/// shared-string table or other parts read whole hold too much, before calamine
/// opens it.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    // A file that is not a zip is left to calamine, which says so in its words.
    let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut read_whole = Vec::new();
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else {
            continue;
        };
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > MAX_PART_BYTES {
            return Err(refused(format!(
                "part '{part}' inflates to {} MiB, over the limit of {} MiB for a part of a workbook",
                size >> 20,
                MAX_PART_BYTES >> 20
            )));
        }
        if size > RATIO_GRACE_BYTES && size / packed.max(1) > MAX_INFLATE_RATIO {
            return Err(refused(format!(
                "part '{part}' inflates {} times ({packed} bytes to {size}), over the limit of {MAX_INFLATE_RATIO} times for a part over {} MiB (the mark of a zip bomb)",
                size / packed.max(1),
                RATIO_GRACE_BYTES >> 20
            )));
        }
        if let Some(kind) = kept_whole(&part) {
            read_whole.push((i, part, kind));
        }
    }
    for (i, part, kind) in read_whole {
        // A part that cannot be inflated is left to calamine to report.
        if let Ok(file) = zip.by_index(i) {
            count(file, &part, kind)?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Kept {
    SharedStrings,
    Other,
}

/// Whether calamine reads this part whole when it opens a workbook, and as what.
fn kept_whole(part: &str) -> Option<Kept> {
    let file = part.rsplit('/').next().unwrap_or(part).to_ascii_lowercase();
    if file == "sharedstrings.xml" {
        Some(Kept::SharedStrings)
    } else if file.ends_with(".rels")
        || file == "workbook.xml"
        || file == "styles.xml"
        || file.starts_with("theme")
    {
        Some(Kept::Other)
    } else {
        None
    }
}

/// Streams a part through a fixed buffer, counting what calamine would keep of it.
fn count(file: impl Read, part: &str, kind: Kept) -> Result<(), Refusal> {
    // Read as calamine reads it (the same crate and settings), so that what is
    // counted here is what calamine would keep.
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(file));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::with_capacity(1024);
    let (mut strings, mut elements) = (0u64, 0u64);
    loop {
        buf.clear();
        // A part that is not well-formed is left to calamine to report.
        let Ok(event) = xml.read_event_into(&mut buf) else {
            return Ok(());
        };
        let start = match &event {
            Event::Start(e) => e,
            Event::Eof => return Ok(()),
            _ => continue,
        };
        elements += 1;
        if kind == Kept::Other && elements > MAX_ELEMENTS {
            return Err(refused(format!(
                "part '{part}' holds more than {MAX_ELEMENTS} XML elements, over the limit for a part read whole"
            )));
        }
        if kind != Kept::SharedStrings {
            continue;
        }
        match start.local_name().as_ref() {
            "sst" => {
                if let Ok(Some(a)) = start.try_get_attribute("uniqueCount") {
                    check_declared(a.value.as_bytes())?;
                }
            }
            "si" => {
                strings += 1;
                if strings > MAX_SHARED_STRINGS {
                    return Err(refused(format!(
                        "its shared-string table holds more than {MAX_SHARED_STRINGS} strings, over the limit"
                    )));
                }
            }
            _ => {}
        }
    }
}

/// Refuses a declared `uniqueCount` over the limit, however many digits it has
/// (calamine reserves room for as many strings as it says, when it reads as a
/// number).
fn check_declared(value: &[u8]) -> Result<(), Refusal> {
    let digits = value.trim_ascii();
    let digits = digits.strip_prefix(b"+").unwrap_or(digits);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Ok(());
    }
    let n = std::str::from_utf8(digits)
        .ok()
        .and_then(|d| d.parse::<u64>().ok());
    if n.is_some_and(|n| n <= MAX_SHARED_STRINGS) {
        return Ok(());
    }
    let shown = String::from_utf8_lossy(digits);
    Err(refused(format!(
        "its shared-string table declares {shown} strings (uniqueCount), over the limit of {MAX_SHARED_STRINGS}"
    )))
}
