//! Byte spans into a document's text, and the one `LineIndex` that turns them into lines and columns.

use std::sync::OnceLock;

use serde::Serialize;

/// A half-open range of UTF-8 byte offsets (`start..end`) into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A position for humans and editors: 1-based line, 1-based column in characters,
/// and the 0-based column in UTF-16 code units that LSP wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16_column: usize,
}

/// Start offsets of every line, so positions are found by binary search.
/// A line ends at `\n`; a `\r` before it belongs to the line terminator.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Character counts at every [`CHECKPOINT`] bytes, built on first use in a long line, so a
    /// column in a 10 MB line costs a short count, not a scan from the line's start.
    checkpoints: OnceLock<Vec<Checkpoint>>,
}

/// Bytes between checkpoints; a column within this distance of its line's start is counted
/// directly.
const CHECKPOINT: usize = 4096;

#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    /// A character boundary at or after `k * CHECKPOINT`.
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// Characters and UTF-16 code units in `s` (a character beyond U+FFFF takes two units; it is
/// the only one with a four-byte UTF-8 encoding, whose first byte is 0xF0 or above).
fn counts(s: &str) -> (usize, usize) {
    let chars = s.chars().count();
    let astral = s.bytes().filter(|&b| b >= 0xF0).count();
    (chars, chars + astral)
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte span of a 0-based line, without its terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let (column, utf16_column) = if offset - start <= CHECKPOINT {
            counts(&text[start..offset])
        } else {
            let (c1, u1) = self.counts_to(text, offset);
            let (c0, u0) = self.counts_to(text, start);
            (c1 - c0, u1 - u0)
        };
        Position {
            line: line + 1,
            column: column + 1,
            utf16_column,
        }
    }

    /// Characters and UTF-16 units in `text[..offset]`, from the nearest checkpoint.
    fn counts_to(&self, text: &str, offset: usize) -> (usize, usize) {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut out = Vec::with_capacity(text.len() / CHECKPOINT + 1);
            let (mut offset, mut chars, mut utf16) = (0, 0, 0);
            loop {
                out.push(Checkpoint {
                    offset,
                    chars,
                    utf16,
                });
                let mut next = (offset + CHECKPOINT).min(text.len());
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                if next == offset {
                    break;
                }
                let (c, u) = counts(&text[offset..next]);
                (offset, chars, utf16) = (next, chars + c, utf16 + u);
            }
            out
        });
        let i = checkpoints.partition_point(|c| c.offset <= offset) - 1;
        let c = checkpoints[i];
        let (chars, utf16) = counts(&text[c.offset..offset]);
        (c.chars + chars, c.utf16 + utf16)
    }

    /// Byte offset of a 0-based line and a 0-based UTF-16 column (for LSP requests).
    /// Columns past the end of the line clamp to its end.
    pub fn offset_utf16(&self, text: &str, line: usize, utf16_column: usize) -> usize {
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let mut units = 0;
        for (i, c) in span.slice(text).char_indices() {
            if units >= utf16_column {
                return span.start + i;
            }
            units += c.len_utf16();
        }
        span.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_utf16() {
        let text = "første linje\r\næøå 😀 ord\n";
        let idx = LineIndex::new(text);
        let off = text.find("ord").unwrap();
        let p = idx.position(text, off);
        assert_eq!((p.line, p.column, p.utf16_column), (2, 7, 7));
        assert_eq!(idx.line_span(text, 0).slice(text), "første linje");
        assert_eq!(idx.offset_utf16(text, 1, 7), off);
    }

    #[test]
    fn columns_in_a_long_line_match_a_direct_count() {
        let text = format!("a\n{}", "æ😀b ".repeat(5000));
        let idx = LineIndex::new(&text);
        for offset in (2..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(997)
        {
            let prefix = &text[2..offset];
            let p = idx.position(&text, offset);
            assert_eq!(p.line, 2);
            assert_eq!(p.column, prefix.chars().count() + 1, "at {offset}");
            assert_eq!(p.utf16_column, prefix.encode_utf16().count(), "at {offset}");
        }
    }
}
