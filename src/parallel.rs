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
