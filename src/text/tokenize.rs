//! Tokens with byte spans: words (abbreviations included), numbers, dates, phone numbers,
//! URLs, e-mail addresses and punctuation. Whitespace is not a token.

use crate::da::abbrev;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of letters, with inner hyphens, apostrophes and periods of abbreviations.
    Word,
    /// Digits, with inner `.` `,` `:` between digits ("7.038,25", "10.30"); ordinals keep their period.
    Number,
    /// A numeric date: "12.11.2026", "2026-11-24".
    Date,
    /// A Danish phone number: "72 36 00 00", "7236 0000", "+45 72360000".
    Phone,
    Url,
    Email,
    /// Any other single character that is not whitespace.
    Punct,
}

/// Token flags, a bit set.
pub mod flag {
    /// A word that is a known abbreviation or an initial ("bl.a.", "J."); its text ends in a period.
    pub const ABBREV: u8 = 1;
    /// A number whose final period makes it an ordinal ("1. januar").
    pub const ORDINAL: u8 = 2;
    /// The token's text holds soft hyphens, a hyphen at a line break or ligatures:
    /// use `Token::normalized` to compare it.
    pub const NORM: u8 = 4;
    /// The first character is upper case.
    pub const CAPITAL: u8 = 8;
    /// Every letter is upper case (and there are at least two).
    pub const ALL_CAPS: u8 = 16;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    pub flags: u8,
}

impl Token {
    pub fn span(&self) -> crate::Span {
        crate::Span::new(self.start as usize, self.end as usize)
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start as usize..self.end as usize]
    }

    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// The token's text as a reader sees it: soft hyphens and hyphens at line breaks removed,
    /// ligatures spelled out. Writes into `out` (cleared first) so callers can reuse one buffer.
    pub fn normalized_into(&self, text: &str, out: &mut String) {
        out.clear();
        push_normalized(self.text(text), self.has(flag::NORM), false, out);
    }

    /// Like `normalized_into`, lower-cased.
    pub fn lower_into(&self, text: &str, out: &mut String) {
        out.clear();
        push_normalized(self.text(text), self.has(flag::NORM), true, out);
    }

    /// Whether the token has more than `n` letters. Cheap for short tokens: a letter takes at
    /// least one byte, so a token of at most `n` bytes cannot (a ligature of three bytes counts
    /// as two or three letters).
    pub fn has_more_letters_than(&self, text: &str, n: usize) -> bool {
        (self.end - self.start) as usize > n && self.letter_count(text) > n
    }

    /// Number of letters, as LIX counts them: hyphens, apostrophes, periods and soft hyphens
    /// are not letters; a ligature counts as the letters it stands for.
    pub fn letter_count(&self, text: &str) -> usize {
        let s = self.text(text);
        if s.is_ascii() {
            return s.bytes().filter(u8::is_ascii_alphabetic).count();
        }
        s.chars().map(letters_in).sum()
    }
}

/// Appends `s` normalised to `out`.
pub fn push_normalized(s: &str, norm: bool, lower: bool, out: &mut String) {
    if !norm {
        if lower && !has_upper_non_ascii(s) {
            // ASCII letters are the only capitals: lower-case them in place.
            let from = out.len();
            out.push_str(s);
            out[from..].make_ascii_lowercase();
        } else if lower {
            for c in s.chars() {
                push_lower(c, out);
            }
        } else {
            out.push_str(s);
        }
        return;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{AD}' => {}
            '-' | '\u{2010}' if matches!(chars.peek(), Some('\r' | '\n')) => {
                while matches!(chars.peek(), Some(c) if c.is_whitespace()) {
                    chars.next();
                }
            }
            c if c.is_whitespace() => {}
            c => match ligature(c) {
                Some(l) => {
                    for c in l.chars() {
                        if lower {
                            push_lower(c, out)
                        } else {
                            out.push(c)
                        }
                    }
                }
                None if lower => push_lower(c, out),
                None => out.push(c),
            },
        }
    }
}

/// Whether `s` may hold a capital outside ASCII. Danish words hold æ, ø and å far more often
/// than Æ, Ø and Å: in UTF-8 a Latin-1 small letter is C3 A0–BF, a capital C3 80–9E, and
/// anything from U+0100 on (lead byte C4 or more) is looked at letter by letter.
pub fn has_upper_non_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    !s.is_ascii()
        && b.iter()
            .enumerate()
            .any(|(i, &x)| x >= 0xC4 || (x == 0xC3 && b.get(i + 1).is_some_and(|&n| n < 0xA0)))
}

fn push_lower(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        // Latin-1 capitals (Æ, Ø, Å, É, Ü …) are their small letters less 0x20; no table.
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => {
            out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c));
        }
        '\0'..='\u{FF}' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

fn letters_in(c: char) -> usize {
    match ligature(c) {
        Some(l) => l.len(),
        None if is_letter(c) => 1,
        None => 0,
    }
}

/// A Unicode letter, with fast paths for ASCII and the Latin letters of Danish text.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{C0}'..='\u{24F}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphabetic()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}')
}

/// Splits `text` into tokens. Linear in the length of the text.
///
/// A long text is split after blank lines and its pieces tokenized on several threads: no
/// token holds a blank line (a word broken at a line end goes on on the next line, not after
/// an empty one), and phone numbers and dates join tokens with at most spaces between them, so
/// the pieces give the tokens the whole text gives.
pub fn tokenize(text: &str) -> Vec<Token> {
    if !crate::parallel::worth_it(text.len()) {
        return tokens_in(text, 0, text.len());
    }
    use rayon::prelude::*;
    let bounds = crate::parallel::piece_bounds(text);
    let pieces: Vec<Vec<Token>> = bounds
        .par_windows(2)
        .map(|w| tokens_in(text, w[0], w[1]))
        .collect();
    crate::parallel::concat_map(&pieces, |_, t| *t)
}

/// The tokens that start in `start..end`, phone numbers and dates joined.
fn tokens_in(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut tokens = tokenize_range(text, start, end);
    merge_phones_and_dates(text, &mut tokens);
    tokens
}

/// The tokens that start in `start..end`; `start` must be where a token may start (0, or just
/// after a blank line). Look-aheads still see the whole text.
fn tokenize_range(text: &str, start: usize, end: usize) -> Vec<Token> {
    tokenize_range_with(text, start, end, true)
}

/// `tokenize_range`, with or without the fast path for plain ASCII words (tests compare the
/// two).
fn tokenize_range_with(text: &str, start: usize, end: usize, ascii_words: bool) -> Vec<Token> {
    let mut t = Tokenizer {
        text,
        bytes: text.as_bytes(),
        pos: start,
        end,
        out: Vec::with_capacity((end - start) / 5 + 4),
        no_url_before: 0,
        ascii_words,
    };
    t.run();
    t.out
}

struct Tokenizer<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    /// Where this tokenizer stops: tokens start before it.
    end: usize,
    out: Vec<Token>,
    /// Words before this offset are inside a run of URL characters already found to be no URL.
    no_url_before: usize,
    /// Whether plain ASCII words take the fast path (`ascii_word`).
    ascii_words: bool,
}

impl Tokenizer<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        let b = *self.bytes.get(i)?;
        if b < 0x80 {
            return Some(b as char);
        }
        // Two-byte sequences (æ, ø, å, é) without building an iterator.
        if b & 0xE0 == 0xC0
            && let Some(&b1) = self.bytes.get(i + 1)
        {
            return char::from_u32((u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F));
        }
        self.text.get(i..)?.chars().next()
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind, flags: u8) {
        self.out.push(Token {
            start: start as u32,
            end: end as u32,
            kind,
            flags,
        });
    }

    fn run(&mut self) {
        while self.pos < self.end {
            let b = self.bytes[self.pos];
            if b < 0x80 {
                match b {
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                    b'0'..=b'9' => self.number(),
                    b'a'..=b'z' | b'A'..=b'Z' => {
                        if !(self.ascii_words && self.ascii_word()) {
                            self.word();
                        }
                    }
                    _ => {
                        self.push(self.pos, self.pos + 1, TokenKind::Punct, 0);
                        self.pos += 1;
                    }
                }
                continue;
            }
            let c = self.char_at(self.pos).unwrap_or('\u{FFFD}');
            if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' || c == '\u{AD}' {
                self.pos += c.len_utf8();
            } else if is_letter(c) {
                self.word();
            } else if c.is_ascii_digit() {
                self.number();
            } else {
                let end = self.pos + c.len_utf8();
                self.push(self.pos, end, TokenKind::Punct, 0);
                self.pos = end;
            }
        }
    }

    /// Scans letters and inner joiners from `i`; returns the end and whether normalisation is needed.
    fn scan_letters(&self, mut i: usize) -> (usize, bool) {
        let mut norm = false;
        loop {
            // Fast path: a run of ASCII letters.
            while self.bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            let Some(c) = self.char_at(i) else { break };
            if is_letter(c) || (c != '\u{AD}' && is_mark(c)) {
                if ligature(c).is_some() {
                    norm = true;
                }
                i += c.len_utf8();
                continue;
            }
            let next = i + c.len_utf8();
            if c == '\u{AD}' {
                // A soft hyphen inside a word, or at a line end before the word goes on.
                let after = skip_line_break(self.bytes, next).unwrap_or(next);
                if self.char_at(after).is_some_and(is_letter) {
                    norm = true;
                    i = after;
                    continue;
                }
                break;
            }
            if is_hyphen(c) || is_apostrophe(c) {
                if self.char_at(next).is_some_and(is_letter) {
                    i = next;
                    continue;
                }
                if is_hyphen(c) {
                    // "ansøg-\nning": a word broken at a line end goes on in lower case.
                    if let Some(after) = skip_line_break(self.bytes, next)
                        && self.char_at(after).is_some_and(|c| c.is_lowercase())
                    {
                        norm = true;
                        i = after;
                        continue;
                    }
                }
            }
            break;
        }
        (i, norm)
    }

    /// Most words are ASCII letters followed by a space or a comma: such a word is pushed
    /// here, with what `word` would find (no normalising, no abbreviation or web address, a
    /// capital and all capitals read off the bytes). Returns false, having done nothing, for
    /// any other word.
    fn ascii_word(&mut self) -> bool {
        let start = self.pos;
        let mut end = start;
        while self.bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            end += 1;
        }
        // What follows must end the word for `scan_letters` (an ASCII byte that is no letter,
        // hyphen or apostrophe) and lead `word` to no web address or abbreviation.
        if let Some(&b) = self.bytes.get(end)
            && (b >= 0x80
                || b.is_ascii_digit()
                || matches!(b, b'-' | b'\'' | b'.' | b'@' | b':' | b'_' | b'+' | b'%'))
        {
            return false;
        }
        let word = &self.bytes[start..end];
        let mut flags = 0;
        if word[0].is_ascii_uppercase() {
            flags |= flag::CAPITAL;
            if word.len() >= 2 && word.iter().all(u8::is_ascii_uppercase) {
                flags |= flag::ALL_CAPS;
            }
        }
        self.push(start, end, TokenKind::Word, flags);
        self.pos = end;
        true
    }

    fn word(&mut self) {
        let start = self.pos;
        let (mut end, norm) = self.scan_letters(start);
        // Only a word followed by one of these can be part of a URL or an e-mail address.
        if matches!(
            self.bytes.get(end),
            Some(b'.' | b'@' | b':' | b'_' | b'+' | b'%' | b'0'..=b'9')
        ) && start >= self.no_url_before
        {
            let run_end = self.url_run_end(start);
            if let Some((url_end, kind)) = self.url_or_email(start, run_end) {
                self.push(start, url_end, kind, 0);
                self.pos = url_end;
                return;
            }
            // No word later in the same run starts one either: each run is scanned once, not
            // once per word ("a.a.a.a…" of a megabyte was quadratic).
            self.no_url_before = run_end;
        }
        let mut flags = if norm { flag::NORM } else { 0 };
        // Abbreviations: letters and inner periods ("bl.a.", "f.eks.", "tlf.nr.").
        if self.bytes.get(end) == Some(&b'.')
            && let Some(abbr_end) = self.abbreviation_end(start, end)
        {
            end = abbr_end;
            flags |= flag::ABBREV;
        }
        let s = &self.text[start..end];
        let first = s.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            flags |= flag::CAPITAL;
            // All capitals ("CPR", "SKAT"): two letters or more, all upper-case. Most capitalised
            // words are settled by their second letter.
            let mut letters = s.chars().filter(|c| c.is_alphabetic()).skip(1);
            if letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_uppercase) {
                flags |= flag::ALL_CAPS;
            }
        }
        self.push(start, end, TokenKind::Word, flags);
        self.pos = end;
    }

    /// If the letters at `start..letters_end` followed by a period form an abbreviation
    /// (possibly with more period-separated parts), returns its end after the last period.
    fn abbreviation_end(&self, start: usize, letters_end: usize) -> Option<usize> {
        // Collect candidate ends: after each period in a chain letter+ '.' letter+ '.' ...
        // Only as far as an abbreviation can reach: a chain like "ab.ab.ab…" of a megabyte is
        // scanned once per word, so an unbounded chain made tokenizing it cubic.
        let reach = start + 4 * abbrev::MAX_LEN;
        // Each end but the first lies before `reach` and at least two bytes after the last one
        // (a period and a letter), so this many is enough.
        let mut ends = [0; 2 * abbrev::MAX_LEN + 2];
        let mut count = 0;
        let mut i = letters_end;
        while self.bytes.get(i) == Some(&b'.') && (count == 0 || i < reach) {
            ends[count] = i + 1;
            count += 1;
            let (j, _) = self.scan_letters(i + 1);
            if j == i + 1 {
                break;
            }
            i = j;
        }
        let ends = &ends[..count];
        // Lower-cased on the stack: an ASCII candidate longer than any abbreviation is none.
        let mut ascii = [0u8; abbrev::MAX_LEN];
        let mut lower = String::new();
        for &end in ends.iter().rev() {
            let candidate = &self.text[start..end];
            let found = if candidate.is_ascii() {
                let Some(buf) = ascii.get_mut(..candidate.len()) else {
                    continue;
                };
                buf.copy_from_slice(candidate.as_bytes());
                buf.make_ascii_lowercase();
                std::str::from_utf8(buf).is_ok_and(abbrev::is_abbreviation)
            } else {
                lower.clear();
                lower.extend(candidate.chars().flat_map(char::to_lowercase));
                abbrev::is_abbreviation(&lower)
            };
            if found {
                return Some(end);
            }
        }
        // Initials: "J. Hansen", "H.L. Hansen": single capitals each followed by a period,
        // then a space and a capitalised word.
        let first = &self.text[start..ends[0]];
        let mut chars = first.chars();
        if chars.next().is_some_and(char::is_uppercase) && chars.next() == Some('.') {
            let mut end = ends[0];
            // Extend over "L." parts: a few, as a name has ("H.C.L."); not a megabyte of "A.A.A.".
            let mut parts = 1;
            while parts < MAX_INITIALS
                && let (Some(c), Some(b'.')) = (
                    self.char_at(end),
                    self.bytes
                        .get(end + self.char_at(end).map_or(0, char::len_utf8)),
                )
            {
                if !c.is_uppercase() {
                    break;
                }
                end += c.len_utf8() + 1;
                parts += 1;
            }
            let next = end + 1;
            if self.bytes.get(end) == Some(&b' ')
                && self.char_at(next).is_some_and(char::is_uppercase)
            {
                return Some(end);
            }
        }
        None
    }

    /// The end of the run of URL characters from `start`.
    fn url_run_end(&self, start: usize) -> usize {
        let mut end = start;
        for (i, c) in self.text[start..].char_indices() {
            let ok = c.is_alphanumeric()
                || matches!(c, '.' | '-' | '_' | '@' | '+' | '%')
                || (i > 0 && matches!(c, '/' | ':' | '?' | '=' | '&' | '#' | '~'));
            if !ok {
                break;
            }
            end = start + i + c.len_utf8();
        }
        end
    }

    /// The URL or e-mail address in the run `start..run_end`, if it is one.
    fn url_or_email(&self, start: usize, run_end: usize) -> Option<(usize, TokenKind)> {
        let rest = &self.text[start..];
        let lower_prefix = |p: &str| {
            rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        };
        let whole = &self.text[start..run_end];
        let mut end = run_end;
        // Trailing punctuation belongs to the sentence.
        while end > start
            && matches!(
                self.bytes[end - 1],
                b'.' | b',' | b':' | b';' | b'?' | b'!' | b'-' | b')'
            )
        {
            end -= 1;
        }
        let run = &self.text[start..end];
        if lower_prefix("http://") || lower_prefix("https://") || lower_prefix("www.") {
            return (end > start + 4).then_some((end, TokenKind::Url));
        }
        if !whole.contains('.') {
            return None;
        }
        if whole.contains('@') {
            let (local, domain) = run.split_once('@')?;
            let ok = !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.');
            return ok.then_some((end, TokenKind::Email));
        }
        // A bare domain: "borger.dk", "kommune.dk/selvbetjening". The host must end in a known TLD.
        let host_end = run.find('/').unwrap_or(run.len());
        let host = &run[..host_end];
        let tld = host.rsplit('.').next()?;
        let known = [
            "dk", "com", "org", "net", "eu", "se", "no", "de", "info", "gl", "fo", "nu", "io",
        ];
        let ok = host.contains('.')
            && !host.contains("..")
            && known.iter().any(|k| k.eq_ignore_ascii_case(tld))
            && host.split('.').all(|p| !p.is_empty());
        ok.then_some((end, TokenKind::Url))
    }

    fn number(&mut self) {
        let start = self.pos;
        let mut i = start;
        loop {
            while self.bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            match (self.bytes.get(i), self.bytes.get(i + 1)) {
                (Some(b'.' | b',' | b':'), Some(d)) if d.is_ascii_digit() => i += 1,
                _ => break,
            }
        }
        let mut flags = 0;
        let mut kind = TokenKind::Number;
        if is_numeric_date(&self.text[start..i]) {
            kind = TokenKind::Date;
        }
        // An ordinal: "1. januar", "den 3. i måneden", "2. sal", "12. marts". The period belongs to
        // the number when a lower-case word, a month or another number follows.
        if kind == TokenKind::Number
            && self.bytes.get(i) == Some(&b'.')
            && i - start <= 3
            && !self.text[start..i].contains([',', '.', ':'])
        {
            let mut j = i + 1;
            while matches!(self.bytes.get(j), Some(b' ')) {
                j += 1;
            }
            // At least one space, then a lower-case word, a month, a number or a dash.
            let next = self.char_at(j).filter(|_| j > i + 1);
            if let Some(c) = next {
                let month = || {
                    let word = &self.text[j..self.scan_letters(j).0];
                    word.len() <= 9 && abbrev::is_month(&word.to_lowercase())
                };
                if c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '–' || month() {
                    i += 1;
                    flags |= flag::ORDINAL;
                }
            }
        }
        self.push(start, i, kind, flags);
        self.pos = i;
    }
}

/// Initials at most in one abbreviation token ("H.C.L.").
const MAX_INITIALS: usize = 8;

fn is_mark(c: char) -> bool {
    // Combining marks (e.g. a decomposed "å" written as a + U+030A) stay inside the word.
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// After a hyphen or soft hyphen at `i`: if only spaces and one line break follow, returns the
/// offset of the first non-space character on the next line.
fn skip_line_break(bytes: &[u8], mut i: usize) -> Option<usize> {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'\r') {
        i += 1;
    }
    if bytes.get(i) != Some(&b'\n') {
        return None;
    }
    i += 1;
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    Some(i)
}

fn is_numeric_date(s: &str) -> bool {
    let mut parts = s.split('.');
    let (Some(day), Some(month), Some(year), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    if s.contains([',', ':']) {
        return false;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    match (num(day), num(month), year.len()) {
        (Some(d), Some(m), 2 | 4) => {
            (1..=31).contains(&d) && (1..=12).contains(&m) && day.len() <= 2 && month.len() <= 2
        }
        _ => false,
    }
}

/// Joins digit groups into phone numbers and ISO dates in place.
fn merge_phones_and_dates(text: &str, tokens: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let digits_only = |t: &Token| {
        t.kind == TokenKind::Number
            && t.flags == 0
            && bytes[t.start as usize..t.end as usize]
                .iter()
                .all(u8::is_ascii_digit)
    };
    let gap_is_space = |a: &Token, b: &Token| {
        let gap = &text[a.end as usize..b.start as usize];
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{A0}') && gap.len() <= 2
    };
    let mut out = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        // Dates and phone numbers start with a number or a "+": every other token stays.
        if !matches!(t.kind, TokenKind::Number | TokenKind::Punct) {
            tokens[out] = t;
            out += 1;
            i += 1;
            continue;
        }
        // ISO date 2026-11-24.
        if digits_only(&t) && t.end - t.start == 4 && i + 4 < tokens.len() {
            let [dash1, m, dash2, d] = [tokens[i + 1], tokens[i + 2], tokens[i + 3], tokens[i + 4]];
            let is_dash = |x: &Token| {
                x.kind == TokenKind::Punct && &text[x.start as usize..x.end as usize] == "-"
            };
            let adjacent = t.end == dash1.start
                && dash1.end == m.start
                && m.end == dash2.start
                && dash2.end == d.start;
            if adjacent
                && is_dash(&dash1)
                && is_dash(&dash2)
                && digits_only(&m)
                && digits_only(&d)
                && m.end - m.start == 2
                && d.end - d.start == 2
            {
                tokens[out] = Token {
                    start: t.start,
                    end: d.end,
                    kind: TokenKind::Date,
                    flags: 0,
                };
                out += 1;
                i += 5;
                continue;
            }
        }
        // Phone numbers: optional "+45", then 8 digits in groups of 2-2-2-2, 4-4, 2-2-4, 4-2-2 or 8.
        let (mut j, begin) = if t.kind == TokenKind::Punct
            && &text[t.start as usize..t.end as usize] == "+"
            && i + 1 < tokens.len()
            && tokens[i + 1].start == t.end
            && &text[tokens[i + 1].start as usize..tokens[i + 1].end as usize] == "45"
        {
            (i + 2, i)
        } else {
            (i, i)
        };
        if j < tokens.len()
            && digits_only(&tokens[j])
            && (j == i || gap_is_space(&tokens[j - 1], &tokens[j]))
        {
            let mut count = 0;
            let mut groups = 0;
            let mut k = j;
            let mut ok = true;
            while k < tokens.len()
                && digits_only(&tokens[k])
                && (k == j || gap_is_space(&tokens[k - 1], &tokens[k]))
                && count < 8
            {
                let len = (tokens[k].end - tokens[k].start) as usize;
                if !matches!(len, 2 | 4 | 8) {
                    ok = false;
                    break;
                }
                count += len;
                groups += 1;
                k += 1;
            }
            let grouped = groups > 1 || begin != j;
            if ok
                && count == 8
                && grouped
                && !(k < tokens.len()
                    && digits_only(&tokens[k])
                    && gap_is_space(&tokens[k - 1], &tokens[k]))
            {
                tokens[out] = Token {
                    start: tokens[begin].start,
                    end: tokens[k - 1].end,
                    kind: TokenKind::Phone,
                    flags: 0,
                };
                out += 1;
                i = k;
                continue;
            }
            j = i;
            let _ = j;
        }
        tokens[out] = t;
        out += 1;
        i += 1;
    }
    tokens.truncate(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .iter()
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn push_lower_agrees_with_the_standard_library() {
        for c in (0..=0x2FF)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
        {
            let mut ours = String::new();
            push_lower(c, &mut ours);
            assert_eq!(ours, c.to_lowercase().collect::<String>(), "{c:?}");
            // The whole-word path, with its in-place fast path for words without capitals
            // outside ASCII.
            for word in [format!("{c}"), format!("Aæ{c}Ø"), format!("bå{c}z")] {
                let mut ours = String::new();
                push_normalized(&word, false, true, &mut ours);
                assert_eq!(ours, word.to_lowercase(), "{word:?}");
            }
        }
    }

    #[test]
    fn words_keep_inner_hyphens_apostrophes_and_abbreviation_periods() {
        let k = kinds("Lyngby-Taarbæk, e-mail, Anne's bl.a. f.eks. 4-udvalget");
        let words: Vec<&str> = k
            .iter()
            .filter(|(k, _)| *k == TokenKind::Word)
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(
            words,
            [
                "Lyngby-Taarbæk",
                "e-mail",
                "Anne's",
                "bl.a.",
                "f.eks.",
                "udvalget"
            ]
        );
    }

    #[test]
    fn numbers_dates_phones_urls_emails() {
        let k = kinds(
            "7.038,25 kr. kl. 10.30 den 12.11.2026 og 2026-11-24, tlf. 72 36 00 00 eller +45 7236 0000, borger.dk og post@holb.dk. Se https://www.borger.dk/x.",
        );
        assert!(k.contains(&(TokenKind::Number, "7.038,25")));
        assert!(k.contains(&(TokenKind::Number, "10.30")));
        assert!(k.contains(&(TokenKind::Date, "12.11.2026")));
        assert!(k.contains(&(TokenKind::Date, "2026-11-24")));
        assert!(k.contains(&(TokenKind::Phone, "72 36 00 00")));
        assert!(k.contains(&(TokenKind::Phone, "+45 7236 0000")));
        assert!(k.contains(&(TokenKind::Url, "borger.dk")));
        assert!(k.contains(&(TokenKind::Email, "post@holb.dk")));
        assert!(k.contains(&(TokenKind::Url, "https://www.borger.dk/x")));
    }

    #[test]
    fn ordinals_keep_their_period() {
        let text = "fra 1. december. Vi ses den 3. i måneden, 2. sal. Der var 3. Det";
        let t = tokenize(text);
        let ords: Vec<&str> = t
            .iter()
            .filter(|t| t.has(flag::ORDINAL))
            .map(|t| t.text(text))
            .collect();
        assert_eq!(ords, ["1.", "3.", "2."]);
    }

    #[test]
    fn pdf_artefacts_do_not_split_words() {
        let text = "ansøg-\nning be\u{AD}handling of\u{FB01}cielle";
        let t = tokenize(text);
        assert_eq!(t.len(), 3);
        let mut s = String::new();
        t[0].normalized_into(text, &mut s);
        assert_eq!(s, "ansøgning");
        t[1].normalized_into(text, &mut s);
        assert_eq!(s, "behandling");
        assert_eq!(t[2].letter_count(text), 10);
    }

    #[test]
    fn initials_are_abbreviations() {
        let text = "J. Hansen og H.L. Hansen";
        let t = tokenize(text);
        assert!(t[0].has(flag::ABBREV));
        assert_eq!(t[3].text(text), "H.L.");
    }

    /// The fast path for ASCII words gives the tokens the general path gives.
    #[test]
    fn ascii_words_tokenize_as_the_general_path_does() {
        use proptest::prelude::*;
        const PARTS: &[&str] = &[
            " ", "\n", "ab", "CPR", "A", "Ny", "NemID", "x", "-", "'", "’", ".", ",", ":", "@",
            "_", "+", "%", "7", "æ", "Å", "\u{AD}", "\u{301}", "ﬁ", "www", "dk", "bl", "a", "f",
            "eks", "J", "Hansen", "\t", "(", ")", "«", "»", "/",
        ];
        let text = crate::text::texts_of(PARTS, 40);
        proptest!(ProptestConfig::with_cases(3000), |(text in text)| {
            prop_assert_eq!(
                tokenize_range_with(&text, 0, text.len(), true),
                tokenize_range_with(&text, 0, text.len(), false)
            );
        });
    }

    /// Pieces cut after blank lines give the tokens the whole text gives, on texts built from
    /// the shapes that look across a line end: broken words, soft hyphens, ordinals, initials,
    /// web addresses, and phone numbers and dates (joined in each piece) next to blank lines.
    #[test]
    fn pieces_give_the_tokens_of_the_whole() {
        use proptest::prelude::*;
        const PARTS: &[&str] = &[
            "\n\n",
            "\r\n\r\n",
            "\n \t\n",
            "\n",
            " ",
            "ansøg-\n",
            "ansøg-\n\nning",
            "ning",
            "be\u{AD}\n",
            "be\u{AD}\n\nhandling",
            "1.",
            "2. januar",
            "J.",
            "Hansen",
            "H.C.",
            "www.aarhus.dk",
            "borger.dk/",
            "72 36",
            "00 00",
            "+45",
            "7236",
            "2026-11-",
            "25",
            "bl.a.",
            "f.eks.",
            "-",
            "«",
            "Æblet",
            "ﬁ",
            "Ring til os",
            ".",
            "\u{2028}",
            "\n \n ",
        ];
        let text = crate::text::texts_of(PARTS, 60);
        proptest!(ProptestConfig::with_cases(2000), |(text in text, pieces in 2usize..9)| {
            let bounds = crate::parallel::cut_after_blank_lines(text.as_bytes(), pieces);
            prop_assert_eq!(bounds.first(), Some(&0));
            prop_assert_eq!(bounds.last(), Some(&text.len()));
            for &cut in &bounds[1..bounds.len() - 1] {
                prop_assert_eq!(text.as_bytes()[cut - 1], b'\n');
                let line = text[..cut - 1].rsplit('\n').next().unwrap_or("");
                prop_assert!(line.chars().all(|c| matches!(c, ' ' | '\t' | '\r')));
                prop_assert!(text[..cut - 1].contains('\n'));
            }
            let whole = tokens_in(&text, 0, text.len());
            let pieces: Vec<Token> = bounds
                .windows(2)
                .flat_map(|w| tokens_in(&text, w[0], w[1]))
                .collect();
            prop_assert_eq!(pieces, whole);
        });
    }
}
