#!/usr/bin/env python3
"""Expand ("unmunch") the Danish Hunspell dictionary into the list of its word forms.

Written for klarsprog. Standard library only.

Usage:
    python3 scripts/expand_dictionary.py [--aff dictionaries/da_DK.aff]
        [--dic dictionaries/da_DK.dic] [--out FILE] [--tags] [--stats]

Writes every word form that Hunspell accepts *without compounding* (the
stems of the .dic plus everything their PFX/SFX rules derive) to FILE
(default: standard output), one form a line, sorted (by code point) and
without duplicates. With --tags each line is instead
    form<TAB>stem<TAB>morphological tags of the rules applied (e.g. +DATID)
and forms are not merged. --stats prints counts to standard error.

Why: spellbook (the Rust Hunspell port) needs ~60-70 ms to parse da_DK; a
flat list of forms can be loaded much faster (e.g. as a sorted list, a hash
set or an FST built at compile time). The list does NOT contain the words
Hunspell accepts through compounding (COMPOUNDBEGIN/MIDDLE/END), which
da_DK relies on for most long Danish compounds; see dictionaries/README.md.

What the expander implements of Hunspell's affix semantics (what da_DK.aff
uses): FLAG num; SFX and PFX rules with strip, add, condition and
continuation classes; two suffix levels (a suffix whose continuation class
names another suffix flag: behandle -> behandlede -> behandledes); prefixes
combined with suffixes when both are cross-products (Y), and prefixes named
in a suffix's continuation class (SFX 23 ...st/34,90,89 -> aller-/næst-
superlatives); NEEDAFFIX (a stem or affixed form that carries it is not a
word by itself); ONLYINCOMPOUND (a stem or affixed form that carries it is
only valid inside a compound: left out); FORBIDDENWORD (such entries are
removed from the output even when another entry derives them). Morphological
fields in the .dic (st:, al:, ph:, ...) are ignored: ph: names a
*misspelling* for suggestions and is never a valid form. Backslash-escaped
slashes in stems ("A\\/S") are unescaped.

The module can also be imported (scripts/build_verb_lexicon.py does):
parse_aff(), parse_dic() and expand_entry().
"""
import argparse
import os
import re
import sys
from collections import namedtuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SPECIAL_FLAGS = {
    "NEEDAFFIX": "needaffix", "ONLYINCOMPOUND": "onlyincompound", "FORBIDDENWORD": "forbidden",
    "COMPOUNDBEGIN": "compoundbegin", "COMPOUNDMIDDLE": "compoundmiddle",
    "COMPOUNDEND": "compoundend", "COMPOUNDPERMITFLAG": "compoundpermit",
}

Rule = namedtuple("Rule", "kind flag cross strip add cont cond morph")
Entry = namedtuple("Entry", "word flags morph")


class Aff:
    def __init__(self):
        self.sfx = {}  # flag -> [Rule]
        self.pfx = {}  # flag -> [Rule]
        self.cross = {}  # flag -> bool
        self.needaffix = None
        self.onlyincompound = None
        self.forbidden = None
        self.compoundbegin = None
        self.compoundmiddle = None
        self.compoundend = None
        self.compoundpermit = None
        self.flag_type = "char"


def _parse_flags(s, flag_type):
    if not s:
        return frozenset()
    if flag_type == "num":
        return frozenset(int(x) for x in s.split(",") if x)
    if flag_type == "long":
        return frozenset(s[i:i + 2] for i in range(0, len(s), 2))
    return frozenset(s)


def _cond_regex(cond, kind):
    """Hunspell condition ('.', '[abc]', '[^abc]', literal chars) -> compiled regex."""
    if cond == ".":
        return None
    out = []
    i = 0
    while i < len(cond):
        c = cond[i]
        if c == "[":
            j = cond.index("]", i)
            body = cond[i + 1:j]
            neg = body.startswith("^")
            if neg:
                body = body[1:]
            out.append("[" + ("^" if neg else "") + "".join(re.escape(ch) for ch in body) + "]")
            i = j + 1
        elif c == ".":
            out.append(".")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    pat = "".join(out)
    return re.compile(("^" + pat) if kind == "PFX" else (pat + "$"))


def parse_aff(path):
    aff = Aff()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    pending = {}  # (kind, flag) -> remaining rule lines
    for raw in lines:
        line = raw.split("\t#")[0] if "\t#" in raw else raw
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        key = parts[0]
        if key == "FLAG" and len(parts) > 1:
            aff.flag_type = parts[1]
        elif key in SPECIAL_FLAGS and len(parts) > 1:
            flag = next(iter(_parse_flags(parts[1], aff.flag_type)))
            setattr(aff, SPECIAL_FLAGS[key], flag)
        elif key in ("SFX", "PFX") and len(parts) >= 4:
            flag = next(iter(_parse_flags(parts[1], aff.flag_type)))
            table = aff.sfx if key == "SFX" else aff.pfx
            if (key, flag) not in pending or pending[(key, flag)] == 0:
                if flag not in table and parts[3].isdigit() and parts[2] in ("Y", "N"):
                    # header: SFX flag cross count
                    table[flag] = []
                    aff.cross[flag] = parts[2] == "Y"
                    pending[(key, flag)] = int(parts[3])
                    continue
            strip = "" if parts[2] == "0" else parts[2]
            add_field = parts[3]
            if "/" in add_field:
                add, cont = add_field.split("/", 1)
                cont = _parse_flags(cont, aff.flag_type)
            else:
                add, cont = add_field, frozenset()
            if add == "0":
                add = ""
            cond = parts[4] if len(parts) > 4 else "."
            morph = " ".join(p for p in parts[5:] if not p.startswith("#"))
            table[flag].append(Rule(key, flag, aff.cross[flag], strip, add, cont,
                                    _cond_regex(cond, key), morph))
            pending[(key, flag)] -= 1
    return aff


def _unescape_word(w):
    return w.replace("\\/", "/")


def parse_dic(path, flag_type="num"):
    """Yield Entry(word, flags, morph) for each line after the count line."""
    with open(path, encoding="utf-8") as f:
        first = True
        for line in f:
            line = line.rstrip("\n")
            if first:
                first = False
                if line.split(" ")[0].isdigit():
                    continue
            if not line.strip():
                continue
            # morphological fields ("st:x", "al:x", "ph:x") start after whitespace;
            # a tab also ends the word part
            mf = re.search(r"[ \t][a-z][a-z]:|\t", line)
            head, morph = (line[:mf.start()], line[mf.start():].strip()) if mf else (line, "")
            # the first '/' not escaped by a backslash separates the stem from its flags
            sl = re.search(r"(?<!\\)/", head[1:])
            if sl:
                idx = sl.start() + 1
                word, flags = head[:idx], (head[idx + 1:].split() or [""])[0]
            else:
                word, flags = head, ""
            yield Entry(_unescape_word(word.strip()), _parse_flags(flags, flag_type), morph)


def _apply_sfx(rule, word):
    if len(word) <= len(rule.strip):
        return None
    if rule.strip and not word.endswith(rule.strip):
        return None
    if rule.cond is not None and not rule.cond.search(word):
        return None
    return word[:len(word) - len(rule.strip)] + rule.add


def _apply_pfx(rule, word):
    if len(word) <= len(rule.strip):
        return None
    if rule.strip and not word.startswith(rule.strip):
        return None
    if rule.cond is not None and not rule.cond.search(word):
        return None
    return rule.add + word[len(rule.strip):]


def expand_entry_all(aff, word, flags):
    """Return every form an entry derives, also those only valid inside compounds.

    Each item is (form, tags, standalone, roles): tags are the morphological
    descriptions of the rules applied (innermost first); standalone tells
    whether the form is a word by itself; roles is a string of the compound
    roles the form may play: 'B' (COMPOUNDBEGIN), 'M' (COMPOUNDMIDDLE), 'E'
    (COMPOUNDEND). The roles follow Hunspell loosely: the role flag must be
    on the stem or on an applied affix, and a suffix on a begin/middle part
    (or a prefix on a middle/end part) must carry COMPOUNDPERMITFLAG.
    """
    if aff.forbidden in flags:
        return []
    bad = {aff.needaffix, aff.onlyincompound}
    stem_ok = aff.onlyincompound not in flags
    out = []

    def emit(form, tags, last_cont, all_flags, sfx_perm, pfx_perm, affixed):
        standalone = stem_ok and not (last_cont & bad) and (affixed or aff.needaffix not in flags)
        roles = ""
        if aff.compoundbegin in all_flags and sfx_perm:
            roles += "B"
        if aff.compoundmiddle in all_flags and sfx_perm and pfx_perm:
            roles += "M"
        if aff.compoundend in all_flags and pfx_perm and not (last_cont & {aff.needaffix}):
            roles += "E"
        out.append((form, tags, standalone, roles))

    perm = aff.compoundpermit
    emit(word, (), flags, flags, True, True, False)
    level1 = []
    for f in flags:
        for r in aff.sfx.get(f, ()):
            w1 = _apply_sfx(r, word)
            if w1 is None:
                continue
            level1.append((w1, r))
            emit(w1, (r.morph,), r.cont, flags | r.cont, perm in r.cont, True, True)
            for f2 in r.cont:
                for r2 in aff.sfx.get(f2, ()):
                    w2 = _apply_sfx(r2, w1)
                    if w2 is None:
                        continue
                    emit(w2, (r.morph, r2.morph), r2.cont, flags | r.cont | r2.cont,
                         perm in r2.cont, True, True)
                    for pf in (flags | r.cont | r2.cont):
                        for p in aff.pfx.get(pf, ()):
                            if pf in flags and not (p.cross and r.cross):
                                continue
                            w3 = _apply_pfx(p, w2)
                            if w3 is not None:
                                emit(w3, (r.morph, r2.morph, p.morph), r2.cont | p.cont,
                                     flags | r.cont | r2.cont | p.cont, perm in r2.cont,
                                     perm in p.cont, True)
    for pf in flags:
        for p in aff.pfx.get(pf, ()):
            wp = _apply_pfx(p, word)
            if wp is None:
                continue
            emit(wp, (p.morph,), p.cont, flags | p.cont, True, perm in p.cont, True)
            for f in flags | p.cont:
                for r in aff.sfx.get(f, ()):
                    if f in flags and not (p.cross and r.cross):
                        continue
                    w1 = _apply_sfx(r, word)
                    if w1 is None:
                        continue
                    w1p = _apply_pfx(p, w1)
                    if w1p is not None:
                        emit(w1p, (r.morph, p.morph), r.cont | (p.cont - {aff.needaffix}),
                             flags | r.cont | p.cont, perm in r.cont, perm in p.cont, True)
    for w1, r in level1:
        for pf in r.cont:
            if pf in flags:
                continue
            for p in aff.pfx.get(pf, ()):
                w1p = _apply_pfx(p, w1)
                if w1p is not None:
                    emit(w1p, (r.morph, p.morph), r.cont | p.cont, flags | r.cont | p.cont,
                         perm in r.cont, perm in p.cont, True)
    return out


def expand_entry(aff, word, flags):
    """Return a list of (form, tags) that are valid stand-alone words."""
    return [(f, t) for f, t, standalone, _ in expand_entry_all(aff, word, flags) if standalone]


def expand_all(aff, dic_path):
    """Yield (form, stem, tags); forbidden words are yielded with tags ('FORBIDDEN',)."""
    for e in parse_dic(dic_path, aff.flag_type):
        if aff.forbidden in e.flags:
            yield e.word, e.word, ("FORBIDDEN",)
            continue
        for form, tags in expand_entry(aff, e.word, e.flags):
            yield form, e.word, tags


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aff", default=os.path.join(ROOT, "dictionaries", "da_DK.aff"))
    ap.add_argument("--dic", default=os.path.join(ROOT, "dictionaries", "da_DK.dic"))
    ap.add_argument("--out", default="-")
    ap.add_argument("--tags", action="store_true")
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--parts", metavar="FILE",
                    help="also write the compound parts: 'form<TAB>roles' (roles from B, M, E)")
    a = ap.parse_args()
    aff = parse_aff(a.aff)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    forms = set()
    forbidden = set()
    n_entries = set()
    if a.parts:
        roles = {}
        for e in parse_dic(a.dic, aff.flag_type):
            for form, _tags, _sa, r in expand_entry_all(aff, e.word, e.flags):
                if r and form:
                    roles[form] = roles.get(form, "") + r
        with open(a.parts, "w", encoding="utf-8") as pf:
            for form in sorted(roles):
                pf.write(f"{form}\t{''.join(c for c in 'BME' if c in roles[form])}\n")
    if a.tags:
        for form, stem, tags in expand_all(aff, a.dic):
            out.write(f"{form}\t{stem}\t{' '.join(t for t in tags if t)}\n")
        return
    for form, stem, tags in expand_all(aff, a.dic):
        n_entries.add(stem)
        if tags == ("FORBIDDEN",):
            forbidden.add(form)
        elif form:
            forms.add(form)
    forms -= forbidden
    data = "".join(f + "\n" for f in sorted(forms))
    out.write(data)
    if out is not sys.stdout:
        out.close()
    if a.stats:
        print(f"stems: {len(n_entries)}  forms: {len(forms)}  forbidden removed: {len(forbidden)}  "
              f"bytes: {len(data.encode('utf-8'))}", file=sys.stderr)


if __name__ == "__main__":
    main()
