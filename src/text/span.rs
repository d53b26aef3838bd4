//! Byte spans into a document's text, and the one `LineIndex` that turns them into lines and columns.

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
    /// In lines longer than `CHECKPOINT` bytes: every `CHECKPOINT` bytes, the offset and its
    /// characters and UTF-16 units from the line start, so a column is never counted from the
    /// start of a 10 MB line.
    checkpoints: Vec<(usize, usize, usize)>,
}

/// Distance between column checkpoints in long lines (bytes).
const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        let bytes = text.as_bytes();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |&n| n - 1);
            let (mut at, mut chars, mut utf16) = (start, 0, 0);
            while end - at > CHECKPOINT {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                let (c, u) = count_units(&bytes[at..next]);
                (chars, utf16, at) = (chars + c, utf16 + u, next);
                checkpoints.push((at, chars, utf16));
            }
        }
        LineIndex {
            starts,
            checkpoints,
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
        let mut from = (self.starts[line], 0, 0);
        if offset - from.0 > CHECKPOINT {
            // The last checkpoint at or before the offset lies in this line.
            let i = self.checkpoints.partition_point(|c| c.0 <= offset);
            if i > 0 && self.checkpoints[i - 1].0 > from.0 {
                from = self.checkpoints[i - 1];
            }
        }
        let (chars, utf16) = count_units(&text.as_bytes()[from.0..offset]);
        Position {
            line: line + 1,
            column: from.1 + chars + 1,
            utf16_column: from.2 + utf16,
        }
    }

    /// Positions of many offsets, mostly increasing (findings sorted by start): each one counts
    /// only from the previous one when both are on the same line.
    pub fn cursor<'a>(&'a self, text: &'a str) -> PositionCursor<'a> {
        PositionCursor {
            index: self,
            text,
            recent: [None; 2],
        }
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

/// Characters and UTF-16 code units in UTF-8 bytes that start on a character boundary.
fn count_units(bytes: &[u8]) -> (usize, usize) {
    // Eight bytes at a time: the high bit of each byte of `cont` is set where a byte is a
    // continuation byte (10xxxxxx), that of `astral` where it starts a four-byte character
    // (11110xxx or above: a character outside the BMP, two UTF-16 units).
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut cont, mut astral) = (0, 0);
    let (words, rest) = bytes.as_chunks::<8>();
    for &w in words {
        let w = u64::from_le_bytes(w);
        cont += ((w & !(w << 1)) & HIGH).count_ones() as usize;
        astral += ((w & (w << 1) & (w << 2) & (w << 3)) & HIGH).count_ones() as usize;
    }
    for &b in rest {
        cont += usize::from(b & 0xC0 == 0x80);
        astral += usize::from(b >= 0xF0);
    }
    let chars = bytes.len() - cont;
    (chars, chars + astral)
}

/// See `LineIndex::cursor`.
pub struct PositionCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// The last two offsets asked for, each with its 0-based line and its position: a
    /// finding's start counts on from the last finding's start, its end from its start.
    recent: [Option<(usize, usize, Position)>; 2],
}

impl PositionCursor<'_> {
    pub fn position(&mut self, offset: usize) -> Position {
        // The nearest recent offset at or before this one on its line (most findings follow
        // one another there): no search, and only the characters since then are counted.
        let from = self
            .recent
            .iter()
            .flatten()
            .filter(|&&(last, line, _)| {
                last <= offset && self.index.starts.get(line + 1).is_none_or(|&n| offset < n)
            })
            .max_by_key(|&&(last, _, _)| last);
        let (line, p) = match from {
            Some(&(last, line, p)) => {
                let (chars, utf16) = count_units(&self.text.as_bytes()[last..offset]);
                let p = Position {
                    line: p.line,
                    column: p.column + chars,
                    utf16_column: p.utf16_column + utf16,
                };
                (line, p)
            }
            None => {
                let p = self.index.position(self.text, offset);
                (p.line - 1, p)
            }
        };
        self.recent = [self.recent[1], Some((offset, line, p))];
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Counting eight bytes at a time gives what counting characters gives.
        #[test]
        fn units_are_chars_and_utf16(s in "[a-zæøå «»😀\u{10000}-\u{10FFFF}\u{800}-\u{FFFF}]{0,40}") {
            proptest::prop_assert_eq!(
                count_units(s.as_bytes()),
                (s.chars().count(), s.encode_utf16().count())
            );
        }
    }

    #[test]
    fn positions_count_characters_and_utf16() {
        let text = "første linje\r\næøå 😀 ord\n";
        let idx = LineIndex::new(text);
        let off = text.find("ord").unwrap();
        let p = idx.position(text, off);
        assert_eq!((p.line, p.column, p.utf16_column), (2, 7, 7));
        assert_eq!(idx.line_span(text, 0).slice(text), "første linje");
        assert_eq!(idx.offset_utf16(text, 1, 7), off);
        // Long lines use checkpoints; the result is the same as counting from the line start.
        let long: String = "æ😀a".repeat(3000) + "\nslut";
        let li = LineIndex::new(&long);
        for o in (0..long.len())
            .filter(|&o| long.is_char_boundary(o))
            .step_by(997)
        {
            let prefix = &long[li.starts[li.line_of(o)]..o];
            let p = li.position(&long, o);
            assert_eq!(
                (p.column, p.utf16_column),
                (prefix.chars().count() + 1, prefix.encode_utf16().count())
            );
        }
        let mut cursor = idx.cursor(text);
        for o in [0, 3, 17, off, off + 2, 5, text.len()] {
            assert_eq!(cursor.position(o), idx.position(text, o), "offset {o}");
        }
    }

    /// The cursor gives what the index gives, for offsets that go forward, back, to the start
    /// and end of lines, across empty lines and into long lines with checkpoints.
    #[test]
    fn the_cursor_agrees_with_the_index() {
        let text = format!("æ\r\n\nlinje to 😀\n{}\nslut", "øa".repeat(5000));
        let idx = LineIndex::new(&text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        let mut cursor = idx.cursor(&text);
        let mut seed = 11usize;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let o = offsets[(seed >> 33) % offsets.len()];
            // Mostly small steps forward, as findings in order are.
            let o = if seed.is_multiple_of(4) {
                o
            } else {
                (o / 64) * 64
            };
            let o = offsets[offsets.partition_point(|&x| x < o).min(offsets.len() - 1)];
            assert_eq!(cursor.position(o), idx.position(&text, o), "offset {o}");
            for step in [1, 2, 3] {
                let next = offsets[offsets
                    .partition_point(|&x| x < o + step)
                    .min(offsets.len() - 1)];
                assert_eq!(
                    cursor.position(next),
                    idx.position(&text, next),
                    "offset {next}"
                );
            }
        }
    }
}
