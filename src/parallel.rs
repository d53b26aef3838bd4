//! When one document is worth the work of several threads. Letters are a few kilobytes and are
//! checked one per thread; only a document of megabytes (a merged export, a test file) is
//! tokenized, checked and rendered in parallel, with the same result as on one thread.

/// Documents from this size (bytes of text) are worked on by several threads.
pub const MIN_BYTES: usize = 1 << 20;

/// Whether a text of `len` bytes is worked on by several threads: it is long enough, and the
/// current thread pool has more than one thread.
pub fn worth_it(len: usize) -> bool {
    len >= MIN_BYTES && rayon::current_num_threads() > 1
}

/// Where a long text is cut for the threads: after blank lines, about four pieces per thread
/// (so a thread that finishes early takes another). The tokenizer and the segmenter cut at
/// the same places; neither a token nor a paragraph crosses a blank line.
pub fn piece_bounds(text: &str) -> Vec<usize> {
    cut_after_blank_lines(text.as_bytes(), 4 * rayon::current_num_threads())
}

/// Offsets that cut `bytes` into about `pieces` pieces, each cut just after a blank line
/// ("\n", spaces, tabs or "\r", "\n"); from 0 to the length, increasing. A text without blank
/// lines is one piece.
pub(crate) fn cut_after_blank_lines(bytes: &[u8], pieces: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    for k in 1..pieces {
        let target = (bytes.len() / pieces * k).max(*bounds.last().unwrap_or(&0));
        match blank_line_end(bytes, target) {
            Some(cut) if cut < bytes.len() => bounds.push(cut),
            // None after the target: none after later targets either.
            _ => break,
        }
    }
    bounds.push(bytes.len());
    bounds
}

/// The offset just after the first blank line that ends at or after `from`.
fn blank_line_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(n) = memchr::memchr(b'\n', bytes.get(i..)?) {
        let mut j = i + n + 1;
        while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\r')) {
            j += 1;
        }
        if bytes.get(j) == Some(&b'\n') {
            return Some(j + 1);
        }
        i = j;
    }
    None
}
