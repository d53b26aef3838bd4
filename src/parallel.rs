//! When one document is worth the work of several threads. Letters are a few kilobytes and are
//! checked one per thread; only a document of megabytes (a merged export, a test file) is
//! tokenized, checked and rendered in parallel, with the same result as on one thread. The
//! work queue here also shares the default packs between the two threads that start a checker.

use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Documents from this size (bytes of text) are worked on by several threads.
pub const MIN_BYTES: usize = 1 << 20;

/// Whether a text of `len` bytes is worked on by several threads: it is long enough, and the
/// current thread pool has more than one thread.
pub fn worth_it(len: usize) -> bool {
    len >= MIN_BYTES && rayon::current_num_threads() > 1
}

/// The pieces one after another, each element passed through `f` with the index of its piece,
/// as `pieces.concat()` would give them; written by the thread pool straight into the result.
/// (Joining a 100 MB text's token pieces on one thread took 0.2 s, most of it page faults in
/// the new list.)
pub fn concat_map<T, U, F>(pieces: &[Vec<T>], f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(usize, &T) -> U + Sync + Send,
{
    use rayon::prelude::*;
    // offsets[p]: where piece p starts in the result.
    let offsets = counts_before(pieces);
    let total = pieces
        .last()
        .map_or(0, |last| offsets[pieces.len() - 1] + last.len());
    let mut out = Vec::new();
    (0..total)
        .into_par_iter()
        .with_min_len(1 << 14)
        // Each run of indices a thread takes is consecutive: it walks the pieces with a cursor
        // (piece, index in it) and looks a piece up only where its run starts or a piece ends.
        .map_init(
            || (usize::MAX, 0),
            |(p, i), g| {
                if pieces
                    .get(*p)
                    .is_none_or(|piece| offsets[*p] + *i != g || *i >= piece.len())
                {
                    *p = offsets.partition_point(|&o| o <= g) - 1;
                    *i = g - offsets[*p];
                }
                let element = f(*p, &pieces[*p][*i]);
                *i += 1;
                element
            },
        )
        .collect_into_vec(&mut out);
    out
}

/// For each list, how many elements the lists before it hold.
pub fn counts_before<T>(lists: &[Vec<T>]) -> Vec<usize> {
    lists
        .iter()
        .scan(0, |n, list| {
            let start = *n;
            *n += list.len();
            Some(start)
        })
        .collect()
}

/// Work items (indices) in a fixed order, each handed to whichever thread asks next: threads
/// that share a queue share its work, however long each item takes.
pub struct Queue {
    order: Vec<usize>,
    next: AtomicUsize,
}

impl Queue {
    pub fn new(order: Vec<usize>) -> Queue {
        Queue {
            order,
            next: AtomicUsize::new(0),
        }
    }

    /// The next item no thread has taken yet.
    pub fn take(&self) -> Option<usize> {
        self.order
            .get(self.next.fetch_add(1, Ordering::Relaxed))
            .copied()
    }
}

/// Writes to every page of `spare` (zeros, which `spare` may hold) on the thread pool, when it
/// spans megabytes. The first write to a fresh page makes the kernel map and clear it, and in
/// a virtual machine that took a quarter of the time on a 100 MB text: the threads share that
/// work here, and the one thread that fills `spare` after finds its pages ready.
pub fn touch<T: Send>(spare: &mut [MaybeUninit<T>]) {
    use rayon::prelude::*;
    const PAGE: usize = 4096;
    let size = std::mem::size_of::<T>().max(1);
    if !worth_it(std::mem::size_of_val(spare)) {
        return;
    }
    let per_page = (PAGE / size).max(1);
    spare.par_chunks_mut(per_page * 64).for_each(|chunk| {
        for slot in chunk.iter_mut().step_by(per_page) {
            *slot = MaybeUninit::zeroed();
        }
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Threads sharing a queue take every item once, and one thread takes them in order.
    #[test]
    fn a_queue_hands_out_each_item_once() {
        let order: Vec<usize> = (0..10_000).rev().collect();
        let queue = Queue::new(order.clone());
        let mut taken: Vec<usize> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| std::iter::from_fn(|| queue.take()).collect::<Vec<_>>()))
                .collect();
            threads
                .into_iter()
                .flat_map(|t| t.join().unwrap())
                .collect()
        });
        assert_eq!(queue.take(), None);
        taken.sort_unstable();
        assert_eq!(taken, (0..10_000).collect::<Vec<_>>());
        let one = Queue::new(order.clone());
        assert_eq!(std::iter::from_fn(|| one.take()).collect::<Vec<_>>(), order);
    }

    /// `concat_map` gives what `concat` gives, across empty pieces and pieces longer and
    /// shorter than a thread's run, on a pool of several threads.
    #[test]
    fn concat_map_is_concat() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let mut seed = 5u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) % n
        };
        for _ in 0..20 {
            let pieces: Vec<Vec<u32>> = (0..next(9))
                .map(|_| {
                    let len = [0, 1, 5, 20_000, 40_000][next(5) as usize];
                    (0..len).map(|_| next(1000)).collect()
                })
                .collect();
            let want: Vec<(usize, u32)> = pieces
                .iter()
                .enumerate()
                .flat_map(|(k, p)| p.iter().map(move |&x| (k, x)))
                .collect();
            let got = pool.install(|| concat_map(&pieces, |k, &x| (k, x)));
            assert!(got == want, "{} pieces", pieces.len());
        }
    }
}
