//! Bytes to `Document`: one `load` for every format, so the modes never repeat it.

pub mod decode;
pub mod docx;
pub mod extract;
pub mod html;
pub mod odt;

use std::borrow::Cow;
use std::path::Path;

use crate::document::{Document, Encoding, Format};
use crate::error::{Error, Result};

/// What was read, before it became a Document: kept by `--fix` to write the file back.
#[derive(Debug)]
pub struct Loaded {
    pub document: Document,
    pub bom: bool,
}

/// Reads and decodes a file. `max_size` caps the bytes read.
pub fn load(path: &Path, max_size: u64) -> Result<Loaded> {
    let bytes = read(path, max_size)?;
    let name = path.display().to_string();
    let format = Format::from_path(&name).unwrap_or(Format::Text);
    from_vec(&name, bytes, format, max_size)
}

/// Reads a regular file's bytes, refusing directories, FIFOs, devices and files over `max_size`.
pub fn read(path: &Path, max_size: u64) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return Err(Error::Input {
            path: name,
            message: "er en mappe".into(),
        });
    }
    if !meta.is_file() {
        return Err(Error::Input {
            path: name,
            message: "er ikke en almindelig fil (fx en FIFO eller en enhed); den er ikke tjekket"
                .into(),
        });
    }
    if meta.len() > max_size {
        return Err(too_large(&name, meta.len(), max_size));
    }
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn too_large(name: &str, len: u64, max: u64) -> Error {
    Error::Input {
        path: name.to_string(),
        message: format!(
            "filen er {} MB; grænsen er {} MB (max-file-size i klarsprog.toml)",
            len / 1_000_000,
            max / 1_000_000
        ),
    }
}

/// The longest decoded text a document may have (bytes): positions inside a document are 32-bit,
/// and Windows-1252 or UTF-16 can grow when decoded, so this holds whatever `max-file-size` is.
pub const MAX_TEXT_BYTES: usize = 1 << 30;

/// Decodes bytes of a known format into a document named `source`.
pub fn from_bytes(source: &str, bytes: &[u8], format: Format, max_size: u64) -> Result<Loaded> {
    from_cow(source, Cow::Borrowed(bytes), format, max_size)
}

/// Like [`from_bytes`], taking the bytes: UTF-8 text becomes the document's text without a
/// copy.
pub fn from_vec(source: &str, bytes: Vec<u8>, format: Format, max_size: u64) -> Result<Loaded> {
    from_cow(source, Cow::Owned(bytes), format, max_size)
}

fn from_cow(source: &str, bytes: Cow<'_, [u8]>, format: Format, max_size: u64) -> Result<Loaded> {
    if bytes.len() as u64 > max_size {
        return Err(too_large(source, bytes.len() as u64, max_size));
    }
    let error = |message: String| Error::Input {
        path: source.to_string(),
        message,
    };
    let (text, encoding, bom) = match format {
        Format::Text | Format::Markdown | Format::Html => {
            let bom = decode::has_bom(&bytes);
            let (text, encoding) = match bytes {
                Cow::Borrowed(b) => decode::decode(b),
                Cow::Owned(v) => decode::decode_owned(v),
            }
            .map_err(|e| error(e.message().into()))?;
            let text = if format == Format::Html {
                html::extract(&text)
            } else {
                text
            };
            (text, encoding, bom)
        }
        Format::Docx | Format::Odt => {
            let limit = extract::limit(max_size);
            let text = if format == Format::Docx {
                docx::extract(&bytes, limit)
            } else {
                odt::extract(&bytes, limit)
            }
            .map_err(error)?;
            (text, Encoding::Utf8, false)
        }
    };
    if text.len() > MAX_TEXT_BYTES {
        return Err(error(format!(
            "teksten fylder {} MB, når den er læst; grænsen er {} MB; den er ikke tjekket",
            text.len() / 1_000_000,
            MAX_TEXT_BYTES / 1_000_000
        )));
    }
    Ok(Loaded {
        document: Document::new(source, text, encoding, format),
        bom,
    })
}

/// Is this a file a directory walk should check?
pub fn is_checkable(path: &Path) -> bool {
    path.to_str().and_then(Format::from_path).is_some()
}
