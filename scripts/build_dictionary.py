#!/usr/bin/env python3
"""Build dictionaries/da_DK.fst, the spelling dictionary klarsprog embeds, from da_DK.aff/.dic.

Written for klarsprog. Standard library only, plus `cargo` for the last step.

Usage:
    python3 scripts/build_dictionary.py            # writes dictionaries/da_DK.fst (about 20 s)
    python3 scripts/build_dictionary.py --check    # exit 1 if the committed file is not what
                                                   # this script would write now
    python3 scripts/build_dictionary.py --tsv F    # also keep the key/value table as text

What the file holds: one `fst::Map` (BurntSushi's fst crate) from every word form that da_DK
derives (scripts/expand_dictionary.py does the affix expansion) to a bit set:

    bit 0  WORD      a word by itself (Hunspell accepts it without compounding)
    bit 1  BEGIN     may begin a compound (COMPOUNDBEGIN, linking forms such as "sags", "børne")
    bit 2  MIDDLE    may stand inside a compound (COMPOUNDMIDDLE)
    bit 3  END       may end a compound (COMPOUNDEND)
    bit 4  HEAD      the form is a stem as written in the .dic (no affix applied)
    bit 5  NOUN      its stem takes noun endings (definite, plural, genitive)
    bit 6  VERB      its stem takes verb endings (past, participle, imperative)
    bit 7  ADJ       its stem takes comparison endings (-ere, -est)
    bit 8  NOSUGGEST never offered as a suggestion (NOSUGGEST flag: vulgar words)
    bit 9-10 PRODUCTIVITY 0-3: how many other .dic stems contain the stem as a part
             (a rough, dictionary-internal stand-in for word frequency; no corpus is used)
    bit 11 FORBIDDEN a FORBIDDENWORD entry: never a word, not even as a compound

A form that is only a compound part (BEGIN/MIDDLE/END without WORD) is in the map too, so the
compound check and the suggester walk one automaton. One extra key, "\\0sources:<hex>" with value
0, records an FNV-1a 64 hash of the inputs (the .aff, the .dic, this script, expand_dictionary.py
and examples/build_dictionary.rs, with CR bytes dropped); the test `dictionary_is_up_to_date`
recomputes it, so a changed .dic without a rebuilt .fst fails CI.

The map is built by `cargo run --release --example build_dictionary -- TSV OUT` (the fst crate
has no Python port); keys are written sorted by UTF-8 bytes, which the builder requires.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import expand_dictionary as ex  # noqa: E402

WORD, BEGIN, MIDDLE, END, HEAD, NOUN, VERB, ADJ, NOSUGGEST = (1 << i for i in range(9))
PROD_SHIFT = 9
FORBIDDEN = 1 << 11

NOUN_TAGS = {"+BESTEMT_ENTAL", "+PLUR_UBEK", "+PLUR_BEK", "+GENITIV"}
VERB_TAGS = {"+DATID", "+PERF_PART", "+IMPERATIV", "+NUTID", "+PASSIV"}
ADJ_TAGS = {"+KOMPARATIV", "+SUPERLATIV", "+SUPERLATIV_PLURALIS"}

INPUTS = [
    "dictionaries/da_DK.aff",
    "dictionaries/da_DK.dic",
    "scripts/expand_dictionary.py",
    "scripts/build_dictionary.py",
    "examples/build_dictionary.rs",
]


def sources_hash():
    """FNV-1a 64 over the inputs, CR bytes dropped, each file followed by a 0xFF byte."""
    h = 0xCBF29CE484222325
    for rel in INPUTS:
        with open(os.path.join(ROOT, rel), "rb") as f:
            data = f.read().replace(b"\r", b"") + b"\xff"
        for b in data:
            h ^= b
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def stem_pos(forms):
    """Part-of-speech bits of a stem from the morphological tags of the forms it derives:
    noun endings (definite, plural, genitive), verb endings, comparison."""
    tags = set()
    for _form, form_tags, _standalone, _roles in forms:
        for t in form_tags:
            tags.update(t.split())
    bits = 0
    if tags & NOUN_TAGS:
        bits |= NOUN
    if tags & VERB_TAGS:
        bits |= VERB
    if tags & ADJ_TAGS:
        bits |= ADJ
    return bits


def productivity(stems):
    """Stem -> bucket 0-3 by the number of other stems that contain it as a first or last part."""
    lower = {s.lower() for s in stems if len(s) >= 2}
    count = defaultdict(int)
    for s in lower:
        n = len(s)
        for k in range(2, n - 1):
            a, b = s[:k], s[k:]
            if a in lower:
                count[a] += 1
            elif a.endswith("s") and a[:-1] in lower:
                count[a[:-1]] += 1
            if b in lower:
                count[b] += 1

    def bucket(n):
        return 0 if n == 0 else 1 if n < 5 else 2 if n < 30 else 3

    return {s: bucket(n) for s, n in count.items()}


def build_table(aff_path, dic_path):
    aff = ex.parse_aff(aff_path)
    entries = list(ex.parse_dic(dic_path, aff.flag_type))
    prod = productivity([e.word for e in entries])
    bits = defaultdict(int)
    forbidden = set()
    for e in entries:
        if aff.forbidden in e.flags:
            forbidden.add(e.word)
            continue
        forms = ex.expand_entry_all(aff, e.word, e.flags)
        pos = stem_pos(forms)
        extra = pos | (prod.get(e.word.lower(), 0) << PROD_SHIFT)
        if aff.nosuggest is not None and aff.nosuggest in e.flags:
            extra |= NOSUGGEST
        for form, tags, standalone, roles in forms:
            if not form:
                continue
            b = extra
            if standalone:
                b |= WORD
            if "B" in roles:
                b |= BEGIN
            if "M" in roles:
                b |= MIDDLE
            if "E" in roles:
                b |= END
            if not tags:
                b |= HEAD
            if b & (WORD | BEGIN | MIDDLE | END):
                bits[form] |= b
    for w in forbidden:
        bits[w] = (bits.get(w, 0) & ~WORD) | FORBIDDEN
    return bits


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "dictionaries", "da_DK.fst"))
    ap.add_argument("--tsv", help="also write the key/value table here")
    ap.add_argument("--check", action="store_true",
                    help="build into a temporary file and compare with --out")
    a = ap.parse_args()
    # expand_dictionary.py does not read NOSUGGEST; let its parser pick the flag up too.
    ex.SPECIAL_FLAGS.setdefault("NOSUGGEST", "nosuggest")
    ex.Aff.nosuggest = None
    bits = build_table(os.path.join(ROOT, "dictionaries", "da_DK.aff"),
                       os.path.join(ROOT, "dictionaries", "da_DK.dic"))
    bits["\0sources:" + sources_hash()] = 0
    keys = sorted(bits, key=lambda k: k.encode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        tsv = a.tsv or os.path.join(tmp, "table.tsv")
        with open(tsv, "w", encoding="utf-8", newline="\n") as f:
            for k in keys:
                f.write(f"{k}\t{bits[k]}\n")
        out = os.path.join(tmp, "da_DK.fst") if a.check else a.out
        subprocess.run(["cargo", "run", "--quiet", "--release", "--example", "build_dictionary",
                        "--", tsv, out], cwd=ROOT, check=True)
        words = sum(1 for v in bits.values() if v & WORD)
        parts = sum(1 for v in bits.values() if v & (BEGIN | MIDDLE | END))
        print(f"{len(keys)} keys: {words} words, {parts} compound parts, "
              f"{os.path.getsize(out)} bytes", file=sys.stderr)
        if a.check:
            with open(out, "rb") as f1, open(a.out, "rb") as f2:
                same = f1.read() == f2.read()
            print("up to date" if same else f"{a.out} is out of date", file=sys.stderr)
            sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
