#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora and dictionaries (fuzz/corpus/<target>/, fuzz/dict/).

Standard library only; deterministic, re-runnable. Seeds are small: the sample letters, the
default rule packs cut into one-rule packs, tiny DOCX and ODT files, and texts with fixes.
Run from the repository root:  python3 fuzz/make_corpus.py
"""

import hashlib
import io
import pathlib
import re
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
DICT = ROOT / "fuzz" / "dict"

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')

LETTER = [
    "Holbæk Kommune",
    "Kære Anne Jensen",
    "I henhold til lov om social pension fremsendes hermed afgørelsen vedrørende din ansøgning.",
    "Såfremt De har spørgsmål, bedes De kontakte os på tlf. 72 36 00 00, jf. § 17, stk. 4.",
    "Du kan klage til Ankestyrelsen inden 4 uger. Beløbet er 7.038,25 kr. pr. 1. januar 2027.",
    "Med venlig hilsen",
    "Sagsbehandler",
]


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (d / name).write_bytes(data)


def zip_of(entries, deflate=True):
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, text)
    return buf.getvalue()


def docx_xml(paragraphs):
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    table = ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Beløb</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>'
             '<w:t>1.200 kr.</w:t><w:br/><w:tab/><w:t>&amp; mere</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    alt = ('<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>Tekstboks</w:t></mc:Choice>'
           '<mc:Fallback><w:t>Tekstboks</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document {W}><w:body>{body}{table}{alt}</w:body></w:document>')


def docx(paragraphs):
    header = f'<w:hdr {W}><w:p><w:r><w:t>Holbæk Kommune</w:t></w:r></w:p></w:hdr>'
    return zip_of([("word/document.xml", docx_xml(paragraphs)), ("word/header1.xml", header)])


def odt_xml(paragraphs):
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    extra = ('<text:h text:outline-level="1">Afgørelse<text:s text:c="3"/>om<text:tab/>hjælp</text:h>'
             '<table:table><table:table-row><table:table-cell><text:p>Beløb</text:p></table:table-cell>'
             '<table:table-cell><text:p>1.200 kr.<text:line-break/>pr. md.</text:p></table:table-cell>'
             '</table:table-row></table:table><text:p>Note<text:note><text:note-body><text:p>x</text:p>'
             '</text:note-body></text:note></text:p>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}>'
            f'<office:body><office:text>{extra}{body}</office:text></office:body></office:document-content>')


def odt_styles():
    return (f'<office:document-styles {ODF}><office:master-styles><style:master-page style:name="S">'
            f'<style:header><text:p>Roskilde Kommune<text:line-break/>Rådhusbuen 1</text:p></style:header>'
            f'</style:master-page></office:master-styles></office:document-styles>')


def odt(paragraphs):
    return zip_of([("mimetype", "application/vnd.oasis.opendocument.text"),
                   ("content.xml", odt_xml(paragraphs)), ("styles.xml", odt_styles())])


def html(paragraphs):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>Brev</title><style>p{{}}</style></head><body>"
            f"<h1>Afgørelse</h1>{body}<ul><li>Husk&nbsp;lønsedler</li><li>Send &amp; ring</li></ul>"
            f"<br><table><tr><td>Beløb</td><td>1.200&#160;kr.</td></tr></table></body></html>")


def short(data):
    return hashlib.sha1(data if isinstance(data, bytes) else data.encode()).hexdigest()[:12]


def document():
    samples = sorted((ROOT / "samples").glob("*-*.*"))
    for i, p in enumerate(samples):
        # Format in the first byte modulo 5, printer in the byte divided by 5 (modulo 4).
        sel = bytes([(1 if p.suffix == ".md" else 0) + 5 * (i % 4)])
        write("document", p.stem, sel + p.read_bytes())
    text = "\n\n".join(LETTER)
    write("document", "letter-utf16le", b"\x00" + b"\xff\xfe" + text.encode("utf-16-le"))
    write("document", "letter-utf16be-nobom", b"\x00" + text.encode("utf-16-be"))
    write("document", "letter-cp1252", b"\x00" + text.replace("§", "par.").encode("cp1252"))
    write("document", "letter-crlf", b"\x00" + text.replace("\n", "\r\n").encode())
    write("document", "letter-html", bytes([2 + 5]) + html(LETTER).encode())
    write("document", "letter-docx", bytes([3 + 10]) + docx(LETTER))
    write("document", "letter-odt", bytes([4 + 15]) + odt(LETTER))
    write("document", "lists", b"\x01" + "# Overskrift\n\n- punkt et\n- punkt to\n1. første\n2) anden\n\nKære Anne\nDu får\nhjælp.".encode())


def pack():
    for src in sorted((ROOT / "rules").glob("*.toml")):
        text = src.read_text(encoding="utf-8")
        head, *rules = re.split(r"\n(?=\[\[rule\]\]\n)", text)
        header = "\n".join(l for l in head.splitlines() if not l.startswith("#"))
        for i, rule in enumerate(rules[:25]):
            write("pack", f"{src.stem}-{i:02}", header.strip() + "\n\n" + rule.strip() + "\n")
    base = '[pack]\nname = "test"\ndescription = "x"\n\n'
    rule = ('[[rule]]\nid = "saafremt"\nkind = "substitution"\ncategory = "officialese"\n'
            'message = "Skriv «{replacement}» i stedet for «{match}»."\nphrases = ["såfremt"]\n'
            'replace = ["hvis"]\napplicability = "safe"\n'
            '[[rule.examples]]\nbad = "Såfremt du vil."\nfixed = "Hvis du vil."\n')
    write("pack", "small", base + rule)
    write("pack", "syntax-error", base + rule.replace('kind = "substitution"', 'kind = "substitution'))
    write("pack", "unknown-key", base + rule.replace("applicability", "applicabilty"))
    write("pack", "bad-regex", base + rule.replace('phrases = ["såfremt"]', 'regex = "(unclosed"'))
    write("pack", "huge-regex", base + rule.replace('phrases = ["såfremt"]', 'regex = "\\\\w{1000}\\\\w{1000}"'))
    write("pack", "duplicate-id", base + rule + "\n" + rule)
    write("pack", "slots", base + '[[rule]]\nid = "fremsende"\nkind = "substitution"\ncategory = "officialese"\n'
          'message = "«{match}»"\nphrases = ["{v:fremsende/fremsendte/fremsendt}"]\n'
          'replace = ["{v:sende/sendte/sendt}"]\n'
          '[[rule]]\nid = "henvendelse"\nkind = "substitution"\ncategory = "style"\nmessage = "«{match}»"\n'
          'phrases = ["{n:henvendelse/henvendelsen/henvendelser/henvendelserne}"]\nreplace = ["{n:brev/brevet/breve/brevene}"]\n')
    write("pack", "required", base + '[[rule]]\nid = "klage"\nkind = "required"\ncategory = "required"\n'
          'message = "Skriv, hvordan man klager."\nphrases = ["klage"]\nwhen = ["afgørelse"]\nwhen-regex = "afgør"\n'
          '[[rule]]\nid = "lix"\nkind = "readability"\ncategory = "readability"\nmetric = "lix"\nmax = 40\n'
          'message = "LIX {value} over {max} ({band})"\nonce = true\n')


def extract():
    write("extract", "docx", b"\x00" + docx(LETTER))
    write("extract", "docx-stored", b"\x00" + zip_of(
        [("word/document.xml", docx_xml(LETTER[:3]))], deflate=False))
    write("extract", "odt", b"\x00" + odt(LETTER))
    write("extract", "docx-xml", b"\x01" + docx_xml(LETTER).encode())
    write("extract", "odt-xml", b"\x02" + odt_xml(LETTER).encode())
    write("extract", "odt-styles", b"\x02" + odt_styles().encode())
    write("extract", "xml-entities", b"\x01" + f'<!DOCTYPE x><w:document {W}><w:body><w:p><w:r><w:t>&lt;&#230;&#x2028;<![CDATA[a&b]]></w:t></w:r></w:p></w:body></w:document>'.encode())


def fix():
    texts = [
        "I henhold til loven fremsendes hermed afgørelsen.",
        "Såfremt De har spørgsmål, bedes De ringe. Vi har fremsendt brevet vedr. din sag osv.",
        "I henhold\ntil loven, ansøg-\nning, jf. § 3 iht. reglerne m.h.t. Deres ansøgning.",
        "Endvidere skal skemaet udfyldes med henblik på udbetaling pga. reglerne.",
    ]
    for t in texts:
        write("fix", short(t), t)
    for p in sorted((ROOT / "samples").glob("*-foer.txt"))[:4]:
        write("fix", p.stem, p.read_bytes())


DICTS = {
    "document": [
        "i henhold til", "såfremt", "fremsendes", "hermed", "vedrørende", "jf.", "iht.", "De", "Dem",
        "Deres", "osv.", "bl.a.", "endvidere", "med henblik på", "bedes", "Kære", "Med venlig hilsen",
        "afgørelse", "klage", "Ankestyrelsen", "tlf.", "kr.", "§", "stk.", "1. januar", "cpr-nr.",
        "010190-1234", "0101901234", "blev", "bliver", "udbetales", "\\xe2\\x80\\xa8", "\\xc2\\xad",
        "\\x0d\\x0a", "\\x0a\\x0a", "<p>", "</p>", "<br>", "&amp;", "&nbsp;", "<li>", "<h1>", "<script>",
        "<style>", "<!--", "-->", "PK\\x03\\x04", "\\xff\\xfe", "\\xfe\\xff", "\\xef\\xbb\\xbf",
        "http://", "@", "- ", "1. ", "# ",
    ],
    "pack": [
        "[pack]", "[[rule]]", "[[rule.examples]]", "name = ", "description = ", "id = ", "kind = ",
        "\"substitution\"", "\"existence\"", "\"required\"", "\"readability\"", "\"builtin\"",
        "category = ", "\"officialese\"", "\"style\"", "\"passive\"", "\"readability\"",
        "\"personal-data\"", "severity = ", "\"info\"", "\"warning\"", "\"error\"", "message = ",
        "why = ", "phrases = ", "regex = ", "replace = ", "applicability = ", "\"safe\"", "\"unsafe\"",
        "\"display-only\"", "once = true", "metric = ", "\"lix\"", "\"sentence-words\"",
        "\"word-letters\"", "\"paragraph-sentences\"", "max = ", "when = ", "when-regex = ",
        "bad = ", "good = ", "fixed = ", "{match}", "{replacement}", "{value}", "{max}", "{band}",
        "{v:", "{n:", "/", "|", "-", "}", "\"\"\"", "'''", "\\\\w{1000}", "(?i)", "[a-z]+", ".*",
    ],
    "extract": [
        "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:br/>", "<w:tab/>", "<w:cr/>",
        "<w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>", "<w:sym/>", "<w:noBreakHyphen/>",
        "<w:softHyphen/>", "<mc:AlternateContent>", "<mc:Fallback>", "</mc:Fallback>",
        "<text:p>", "</text:p>", "<text:h>", "<text:s text:c=\"5\"/>", "<text:tab/>",
        "<text:line-break/>", "<table:table-row>", "</table:table-row>", "<table:table-cell>",
        "<office:body>", "</office:body>", "<text:note>", "<style:header>", "</style:header>",
        "<![CDATA[", "]]>", "&amp;", "&#x2028;", "&#0;", "&bogus;", "<!DOCTYPE", "<?xml ?>",
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"",
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"",
        "word/document.xml", "content.xml", "PK\\x03\\x04", "PK\\x05\\x06", "PK\\x01\\x02",
    ],
}


def dicts():
    DICT.mkdir(parents=True, exist_ok=True)
    DICTS["fix"] = DICTS["document"][:30]
    for name, words in DICTS.items():
        # libFuzzer's format: one quoted string a line, \\ \" and \xAB escapes only.
        # Non-ASCII bytes are written as \xAB.
        lines = ['"' + "".join(c if c.isascii() else "".join(f"\\x{b:02x}" for b in c.encode())
                              for c in w.replace('"', '\\"')) + '"' for w in words]
        (DICT / f"{name}.dict").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    document()
    pack()
    extract()
    fix()
    dicts()
