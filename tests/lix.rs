//! LIX on fixtures whose words, long words and sentences were counted by hand.
//! Each case lists the counts and how they were reached, so a reader can check them.

use klarsprog::Document;
use klarsprog::text::stats;

fn counts(text: &str) -> (usize, usize, usize, f64) {
    let doc = Document::from_text("fixture", text);
    let s = stats::compute(&doc.sentences, &doc.paragraphs);
    (s.words, s.long_words, s.sentences, s.lix)
}

#[test]
fn domain_brief_worked_example() {
    // Du får boligstøtte fra december Pengene kommer på din NemKonto = 10 words;
    // long: boligstøtte, december, Pengene, NemKonto = 4; "1." is an ordinal: 2 sentences.
    assert_eq!(
        counts("Du får boligstøtte fra 1. december. Pengene kommer på din NemKonto."),
        (10, 4, 2, 45.0)
    );
}

#[test]
fn letterhead_salutation_abbreviations_and_numbers() {
    let text = "Holbæk Kommune\nJobcenter\n\nKære Anne Jensen\n\nVi har bl.a. talt med din læge, jf. § 17, stk. 4. Du får 7.038,25 kr. om måneden fra 1. januar 2026.\n\nMed venlig hilsen\nOle Hansen\n";
    // Holbæk Kommune (2 words; Kommune long) | Jobcenter (1, long) | Kære Anne Jensen (3)
    // | Vi har bl.a. talt med din læge jf. stk. (9; "4." ends it) | Du får kr. om måneden fra januar
    // (7; måneden long; "kr." before lower case does not end) | Med venlig hilsen (3) | Ole Hansen (2)
    // = 27 words, 3 long, 7 sentences: 27/7 + 300/27 = 14.97.
    assert_eq!(counts(text), (27, 3, 7, 15.0));
}

#[test]
fn pdf_soft_hyphens_broken_words_and_colons() {
    let text = "Ansøg\u{AD}ningen om e-mail-adgang er modtaget. Det betyder:\nDu kan bruge Lyngby-Taarbæk Kommunes selv-\nbetjening.";
    // Ansøgningen(11) om e-mail-adgang(11) er modtaget(8): 5 words, 3 long | Det betyder(7): 2, 1 |
    // Du kan bruge Lyngby-Taarbæk(13) Kommunes(8) selvbetjening(13): 6, 3.
    // = 13 words, 7 long, 3 sentences: 13/3 + 700/13 = 58.18.
    assert_eq!(counts(text), (13, 7, 3, 58.2));
}

#[test]
fn headings_list_items_and_abbreviation_ending_a_sentence() {
    let text = "Hvad skal du gøre nu?\n\n- Send lønsedler\n- Send kontoudtog m.v.\n- Ring til os\n\nVi hjælper borgere, foreninger m.fl. Det er gratis.\n";
    // Hvad skal du gøre nu (5) | Send lønsedler (2, 1 long) | Send kontoudtog m.v. (3, 1 long) |
    // Ring til os (3) | Vi hjælper borgere foreninger m.fl. (5, 3 long) | Det er gratis (3)
    // = 21 words, 5 long, 6 sentences: 21/6 + 500/21 = 27.31.
    assert_eq!(counts(text), (21, 5, 6, 27.3));
}

#[test]
fn crlf_gives_the_same_counts_as_lf() {
    let lf = "Kære Anne\n\nDu får hjælp fra 1. maj. Ring til os.\n";
    assert_eq!(counts(lf), counts(&lf.replace('\n', "\r\n")));
    assert_eq!(counts(lf), (10, 0, 3, 3.3));
}
