//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM (and without, when the NUL
//! pattern is unmistakable), and Windows-1252 for older Danish files. Binary data is refused.

use crate::document::Encoding;

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes in something that is not UTF-16: a binary file.
    Binary,
    /// Neither valid UTF-8 nor clean Windows-1252.
    Unknown,
}

impl DecodeError {
    pub fn message(&self) -> &'static str {
        match self {
            DecodeError::Binary => "binær fil (indeholder NUL-bytes); den er ikke tjekket",
            DecodeError::Unknown => {
                "kan ikke læses som UTF-8, UTF-16 eller Windows-1252; gem filen som UTF-8"
            }
        }
    }
}

/// Decodes `bytes`, saying which encoding it used.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, Encoding::Utf16Be);
    }
    if memchr::memchr(0, bytes).is_some() {
        // UTF-16 without a BOM: text in Latin script has a NUL in every other byte.
        return match utf16_without_bom(bytes) {
            Some(enc) => utf16(bytes, enc),
            None => Err(DecodeError::Binary),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
        Err(_) => windows_1252(bytes),
    }
}

/// Like [`decode`], taking the bytes: plain UTF-8 without a BOM (most letters) becomes the text
/// without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    let marked = [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    if marked || memchr::memchr(0, &bytes).is_some() {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, Encoding::Utf8)),
        Err(e) => windows_1252(e.as_bytes()),
    }
}

fn utf8(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    std::str::from_utf8(bytes)
        .map(|s| (s.to_string(), Encoding::Utf8))
        .map_err(|_| DecodeError::Unknown)
}

fn utf16(bytes: &[u8], enc: Encoding) -> Result<(String, Encoding), DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::Unknown);
    }
    let units = bytes.chunks_exact(2).map(|c| match enc {
        Encoding::Utf16Be => u16::from_be_bytes([c[0], c[1]]),
        _ => u16::from_le_bytes([c[0], c[1]]),
    });
    let text: String = char::decode_utf16(units)
        .collect::<Result<_, _>>()
        .map_err(|_| DecodeError::Unknown)?;
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok((text, enc))
}

fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nul = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Nearly every high byte zero, nearly no low byte zero.
    if odd_nul * 10 >= pairs * 9 && even_nul == 0 {
        Some(Encoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 9 && odd_nul == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn windows_1252(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    // Bytes with no character in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) come out as C1
    // controls; other control characters do not occur in letters either.
    let clean = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    if clean {
        Ok((text.into_owned(), Encoding::Windows1252))
    } else {
        Err(DecodeError::Unknown)
    }
}

/// Encodes text back to the bytes of its original encoding (for `--fix`); `bom` restores a BOM.
pub fn encode(text: &str, enc: Encoding, bom: bool) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            }
            out.extend_from_slice(text.as_bytes());
            out
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let mut out = Vec::with_capacity(text.len() * 2 + 2);
            let be = enc == Encoding::Utf16Be;
            if bom {
                out.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
            }
            for u in text.encode_utf16() {
                out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        }
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
    }
}

/// Does the file start with a byte-order mark?
pub fn has_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(
            decode("æøå".as_bytes()).unwrap(),
            ("æøå".into(), Encoding::Utf8)
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFhej").unwrap(),
            ("hej".into(), Encoding::Utf8)
        );
        assert_eq!(
            decode(b"\xe6\xf8\xe5 s\xf8").unwrap(),
            ("æøå sø".into(), Encoding::Windows1252)
        );
        let le = encode("Kære Åse", Encoding::Utf16Le, true);
        assert_eq!(decode(&le).unwrap(), ("Kære Åse".into(), Encoding::Utf16Le));
        let be = encode("Kære Åse", Encoding::Utf16Be, true);
        assert_eq!(decode(&be).unwrap(), ("Kære Åse".into(), Encoding::Utf16Be));
        let le_nobom = encode("Kære Åse, hej", Encoding::Utf16Le, false);
        assert_eq!(decode(&le_nobom).unwrap().1, Encoding::Utf16Le);
        assert_eq!(decode(b"PK\x03\x04\x00\x00\x01"), Err(DecodeError::Binary));
        assert_eq!(decode(b"abc \x81\x8d"), Err(DecodeError::Unknown));
    }

    /// Decoding owned bytes gives what decoding borrowed ones gives, whatever the encoding.
    #[test]
    fn owned_bytes_decode_as_borrowed_ones() {
        let inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            "Kære Åse".into(),
            b"\xEF\xBB\xBFhej".to_vec(),
            b"\xEF\xBB\xBFh\x00j".to_vec(),
            b"\xe6\xf8\xe5 s\xf8".to_vec(),
            encode("Kære Åse", Encoding::Utf16Le, true),
            encode("Kære Åse", Encoding::Utf16Be, true),
            encode("Kære Åse, hej", Encoding::Utf16Le, false),
            b"PK\x03\x04\x00\x00\x01".to_vec(),
            b"abc \x81\x8d".to_vec(),
        ];
        for bytes in inputs {
            assert_eq!(decode_owned(bytes.clone()), decode(&bytes), "{bytes:?}");
        }
    }
}
