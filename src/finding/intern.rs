//! One shared copy of each text findings repeat.
//!
//! A rule's message is its template filled in with the words it found, so a few hundred
//! messages come back thousands of times: 10,000 generated letters give 690,000 findings and 290
//! different messages. While a long text is checked, each thread keeps the texts it has made,
//! and a finding holds a shared reference (16 bytes) instead of its own copy (about 160 bytes,
//! and an allocation). A 100 MB text gives 2.6 million findings, so the copies were hundreds of
//! megabytes of fresh memory, and on a virtual machine fresh memory costs time: the kernel
//! clears every page. A letter's findings each get their own copy (see `share`).

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::sync::Arc;

/// Texts a thread keeps at most: a text that never repeats (a rule that quotes every word it
/// finds, on a text with a million different words) must not make the table grow without end.
const MAX_TEXTS: usize = 4096;
/// Longer texts are not kept: they seldom repeat, and the table stays small.
const MAX_LEN: usize = 512;

thread_local! {
    static TEXTS: RefCell<HashSet<Arc<str>, foldhash::fast::RandomState>> =
        RefCell::new(HashSet::default());
    /// Where `intern_with` writes a text before looking it up.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether this thread shares equal texts (see `share`).
    static SHARING: Cell<bool> = const { Cell::new(true) };
}

/// A shared copy of `s`: the one this thread made before, or a new one.
pub fn intern(s: &str) -> Arc<str> {
    if s.len() > MAX_LEN || !SHARING.get() {
        return Arc::from(s);
    }
    TEXTS.with(|texts| {
        let mut texts = texts.borrow_mut();
        if let Some(kept) = texts.get(s) {
            return Arc::clone(kept);
        }
        let new: Arc<str> = Arc::from(s);
        if texts.len() < MAX_TEXTS {
            texts.insert(Arc::clone(&new));
        }
        new
    })
}

/// Starts this thread's texts afresh: it lets go of the texts it kept and from now on shares
/// equal texts (`on`) or gives each its own copy. A check calls it for each document (and each
/// of a long document's tasks), so that the texts live as long as the findings: kept for good,
/// the few hundred texts were spread over the allocator's pages and kept them from being
/// reused (the peak memory on 10,000 letters went from 56 to 61–67 MB). A letter repeats few
/// texts, and looking each up cost more than copying it (2 % more instructions on 10,000
/// letters), so only a long text shares them.
pub fn share(on: bool) {
    TEXTS.with(|texts| texts.borrow_mut().clear());
    SHARING.set(on);
}

/// `intern` of the text `write` writes (into an empty buffer): a text this thread made before
/// costs no allocation.
pub fn intern_with(write: impl FnOnce(&mut String)) -> Arc<str> {
    // Taken out while `write` runs, so that `write` may intern texts itself.
    let mut buf = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    buf.clear();
    write(&mut buf);
    let text = intern(&buf);
    SCRATCH.with(|s| *s.borrow_mut() = buf);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_is_one_shared_copy() {
        share(true);
        let a = intern("Skriv «du» i stedet for «De».");
        let b = intern(&String::from("Skriv «du» i stedet for «De»."));
        assert!(Arc::ptr_eq(&a, &b));
        let c = intern("Skriv «dig» i stedet for «Dem».");
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*c, "Skriv «dig» i stedet for «Dem».");
        let d = intern_with(|s| s.push_str("Skriv «dig» i stedet for «Dem»."));
        assert!(Arc::ptr_eq(&c, &d));
        let e = intern_with(|s| {
            s.push_str("Skriv ");
            s.push_str(&intern("«du»"));
        });
        assert_eq!(&*e, "Skriv «du»");
    }

    #[test]
    fn the_table_stops_growing_but_texts_stay_right() {
        let long = "x".repeat(MAX_LEN + 1);
        assert!(!Arc::ptr_eq(&intern(&long), &intern(&long)));
        // Fill this test thread's table, then ask for texts it has no room for.
        std::thread::spawn(|| {
            for i in 0..MAX_TEXTS + 10 {
                assert_eq!(&*intern(&i.to_string()), i.to_string());
            }
            TEXTS.with(|t| assert_eq!(t.borrow().len(), MAX_TEXTS));
            let late = (MAX_TEXTS + 5).to_string();
            assert!(!Arc::ptr_eq(&intern(&late), &intern(&late)));
            assert!(Arc::ptr_eq(&intern("0"), &intern("0")));
            let kept = intern("0");
            share(true);
            TEXTS.with(|t| assert!(t.borrow().is_empty()));
            let again = intern("0");
            assert!(!Arc::ptr_eq(&kept, &again));
            assert_eq!(kept, again);
            // Not sharing: every text is a copy of its own, and none is kept.
            share(false);
            let (a, b) = (intern("1"), intern_with(|s| s.push('1')));
            assert!(!Arc::ptr_eq(&a, &b) && a == b);
            TEXTS.with(|t| assert!(t.borrow().is_empty()));
        })
        .join()
        .unwrap();
    }
}
