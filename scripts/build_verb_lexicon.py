#!/usr/bin/env python3
"""Build klarsprog's Danish verb lexicon, dictionaries/verber.tsv.

Written for klarsprog. Standard library only. Re-runnable; the output is
deterministic (one row per infinitive, sorted by infinitive, code-point order).

Usage:
    python3 scripts/build_verb_lexicon.py [--aff A] [--dic D] [--ddt CONLLU]
        [--out dictionaries/verber.tsv] [--report]

Output format (UTF-8, tab-separated, all lowercase):
    # infinitive<TAB>present<TAB>past<TAB>participle<TAB>source
    behandle<TAB>behandler<TAB>behandlede<TAB>behandlet<TAB>hunspell
A cell holds several forms separated by ',' when Danish has more than one
(hænge: past "hang,hængte"); the first is the usual one. `source` says where
the row's forms come from:
  manual    the table MANUAL below (strong and irregular verbs), or a
            prefixed verb built from it (afgøre = af + gøre -> afgjorde, afgjort)
  hunspell  da_DK.aff/.dic (Stavekontrolden): the weak-verb affix classes, or
            the 'al:' (allomorph) field that da_DK gives its irregular verbs
  ddt       the UD Danish treebank (forms observed in the .conllu)
Infinitives ending in -s (synes, lykkes, mødes) are deponents or reciprocals,
not passives: they are left out here and listed in dictionaries/deponenter.txt.

How the da_DK data are read (see da_DK.aff, section F):
  SFX 21  "Verbum, svagt bøjet": +NUTID (present, -r / -er), +IMPERATIV,
          +PRÆSENS_PART. Every verb entry carries it, with 1 or 20:
  SFX 1   "-ede i datid": +DATID -ede/-de, +PERF_PART -et/-t (behandle/1)
  SFX 20  "-te i datid":  +DATID -te,      +PERF_PART -t    (sende/20)
  SFX 22  "Verbum, passiv": -s / -es (continuation class of the past and
          participle rules, so behandledes is also derived)
  Irregular verbs have no verb flags but a list of allomorphs:
    give al:giver al:gives al:gav al:gaves al:givende ... al:givet ... al:giv
  The present is the first al: form; past forms stand between the present
  and the -ende form (minus s-passives); the participle is the first form
  after the -ende/-endes forms. When no past stands before -ende (sælge:
  ... al:solgt al:solgts al:solgte ...), a weak past is participle + e.
Homographs: when a verb has an irregular entry and also a regular one (lægge
al:lagde... and lægge/1 -> "læggede", a different rare verb), the regular
forms are kept only if the irregular entry lists them too (hænge: hang, and
hængte from hænge/20, which the al: list also holds).
Treebank: lemmas with UPOS VERB or AUX; present = Tense=Pres|VerbForm=Fin
with Voice=Act, past = Tense=Past|VerbForm=Fin with Voice=Act, participle =
VerbForm=Part|Tense=Past|Definite=Ind|Number=Sing. Treebank forms order
alternatives (the attested one first) and give rows for verbs that da_DK
lacks, when the treebank attests a past or participle (the missing cells are
then filled by the weak pattern the attested form shows).

--report prints counts and every disagreement between the treebank and the
lexicon to standard error.
"""
import argparse
import os
import re
import sys
from collections import defaultdict, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no scripts/__pycache__ in the work tree
import expand_dictionary as ed  # noqa: E402

# ---------------------------------------------------------------------------
# Manual table: strong and irregular verbs (and the prefixed verbs the project
# named explicitly). infinitive present past participle; alternatives with ','.
# ---------------------------------------------------------------------------
MANUAL = """
være er var været
have har havde haft
blive bliver blev blevet
gøre gør gjorde gjort
få får fik fået
gå går gik gået
stå står stod stået
se ser så set
give giver gav givet
tage tager tog taget
komme kommer kom kommet
sige siger sagde sagt
vide ved vidste vidst
kunne kan kunne kunnet
skulle skal skulle skullet
ville vil ville villet
måtte må måtte måttet
burde bør burde burdet
turde tør turde turdet
gide gider gad gidet
lade lader lod ladet
ligge ligger lå ligget
lægge lægger lagde lagt
sætte sætter satte sat
sidde sidder sad siddet
skrive skriver skrev skrevet
drive driver drev drevet
træffe træffer traf truffet
finde finder fandt fundet
binde binder bandt bundet
vinde vinder vandt vundet
spinde spinder spandt spundet
svinde svinder svandt svundet
rinde rinder randt rundet
drikke drikker drak drukket
synge synger sang sunget
springe springer sprang sprunget
tvinge tvinger tvang tvunget
klinge klinger klang klinget
synke synker sank sunket
stinke stinker stank stinket
slippe slipper slap sluppet
hjælpe hjælper hjalp hjulpet
gælde gælder gjaldt gældt
holde holder holdt holdt
falde falder faldt faldet
hedde hedder hed heddet
græde græder græd grædt
sove sover sov sovet
løbe løber løb løbet
bede beder bad bedt
bide bider bed bidt
glide glider gled gledet
gnide gnider gned gnedet
gribe griber greb grebet
knibe kniber kneb knebet
pibe piber peb,pibede pebet,pibet
slibe sliber sleb slebet
ride rider red redet
skride skrider skred skredet
stride strider stred stridt
lide lider led lidt
slide slider sled slidt
smide smider smed smidt
vride vrider vred vredet
stige stiger steg steget
svige sviger sveg sveget
vige viger veg veget
skrige skriger skreg skreget
snige sniger sneg sneget
fnise fniser fnes fniset
bryde bryder brød brudt
byde byder bød budt
flyde flyder flød flydt
fortryde fortryder fortrød fortrudt
betyde betyder betød betydet
gyde gyder gød gydt
lyde lyder lød lydt
nyde nyder nød nydt
skyde skyder skød skudt
snyde snyder snød snydt
fryse fryser frøs frosset
fnyse fnyser fnøs fnyst
nyse nyser nøs,nyste nyst
gyse gyser gøs,gyste gyst
krybe kryber krøb krøbet
ryge ryger røg røget
stryge stryger strøg strøget
flyve flyver fløj fløjet
fyge fyger føg føget
lyve lyver løj løjet
klyve klyver kløv kløvet
bære bærer bar båret
skære skærer skar skåret
stjæle stjæler stjal stjålet
sværge sværger svor,sværgede svoret,sværget
æde æder åd ædt
træde træder trådte trådt
trække trækker trak trukket
stikke stikker stak stukket
sprække sprækker sprak,sprækkede sprukket,sprækket
briste brister bristede,brast bristet
hænge hænger hang,hængte hængt
fare farer for faret
gale galer gol,galede galet
jage jager jog,jagede jaget
drage drager drog draget
hive hiver hev,hivede hevet,hivet
hugge hugger huggede,hug hugget
bringe bringer bragte bragt
tælle tæller talte talt
fortælle fortæller fortalte fortalt
vælge vælger valgte valgt
sælge sælger solgte solgt
spørge spørger spurgte spurgt
smøre smører smurte smurt
kvæle kvæler kvalte kvalt
vække vækker vækkede,vakte vækket,vakt
række rækker rakte rakt
strække strækker strakte strakt
dølge dølger dulgte dulgt
følge følger fulgte fulgt
le ler lo leet
dø dør døde død,døet
tie tier tav tiet
rive river rev revet
svide svider sved svedet
skide skider sked skidt
smyge smyger smøg smøget
kvæde kvæder kvad kvædet
skubbe skubber skubbede skubbet
ske sker skete sket
oplade oplader opladede opladet
smile smiler smilede,smilte smilet,smilt
grine griner grinede,grinte grinet,grint
slå slår slog slået
afgøre afgør afgjorde afgjort
vedtage vedtager vedtog vedtaget
foretage foretager foretog foretaget
modtage modtager modtog modtaget
deltage deltager deltog deltaget
indgive indgiver indgav indgivet
udgive udgiver udgav udgivet
tilgive tilgiver tilgav tilgivet
fremsende fremsender fremsendte fremsendt
tilsende tilsender tilsendte tilsendt
fremgå fremgår fremgik fremgået
undgå undgår undgik undgået
foregå foregår foregik foregået
indgå indgår indgik indgået
forstå forstår forstod forstået
bestå består bestod bestået
opstå opstår opstod opstået
anse anser anså anset
foreslå foreslår foreslog foreslået
fastslå fastslår fastslog fastslået
afslå afslår afslog afslået
vedlægge vedlægger vedlagde vedlagt
fremlægge fremlægger fremlagde fremlagt
pålægge pålægger pålagde pålagt
tilrettelægge tilrettelægger tilrettelagde tilrettelagt
foreligge foreligger forelå foreligget
fastsætte fastsætter fastsatte fastsat
iværksætte iværksætter iværksatte iværksat
beskrive beskriver beskrev beskrevet
underskrive underskriver underskrev underskrevet
forlade forlader forlod forladt
indebære indebærer indebar indebåret
tilbyde tilbyder tilbød tilbudt
forbyde forbyder forbød forbudt
afbryde afbryder afbrød afbrudt
"""

# Bases whose prefixed verbs inflect differently from the simple verb:
# lade, lod, ladet (let) but tillade, tillod, tilladt (also forlade, undlade, udelade ...).
COMPOUND_FORMS = {"lade": (["lader"], ["lod"], ["ladt"])}

# Verb prefixes (particles) for building prefixed strong verbs from MANUAL.
PREFIXES = sorted("""af an be bi bort efter fast for fore forud fra frem gen gennem hen hjem
ibrug ind iværk med mis mod ned om op over på sammen til tilbage tilrette u ud under ved
videre und""".split(), key=len, reverse=True)

# Treebank lemmas that are not verbs of their own (abbreviated or odd lemmas).
DDT_SKIP = set()


def parse_manual():
    rows = OrderedDict()
    for line in MANUAL.strip().split("\n"):
        inf, pres, past, pp = line.split()
        rows[inf] = (pres.split(","), past.split(","), pp.split(","))
    return rows


def _is_prefix_chain(s):
    if not s:
        return True
    return any(s.startswith(p) and _is_prefix_chain(s[len(p):]) for p in PREFIXES)


# ---------------------------------------------------------------------------
# Hunspell
# ---------------------------------------------------------------------------
def hunspell_verbs(aff_path, dic_path):
    """Return (regular, irregular, s_verbs).

    regular:   inf -> list of (present set, past set, pp set, flagclass) from affix rules
    irregular: inf -> list of al: form lists
    s_verbs:   set of infinitives in -s with al: forms (deponents)
    """
    aff = ed.parse_aff(aff_path)
    regular = defaultdict(list)
    irregular = defaultdict(list)
    s_verbs = set()
    for e in ed.parse_dic(dic_path, aff.flag_type):
        w = e.word
        if not w or w != w.lower() or " " in w:
            continue
        als = [m[3:] for m in e.morph.split() if m.startswith("al:")]
        if 21 in e.flags and (1 in e.flags or 20 in e.flags):
            pres, past, pp = set(), set(), set()
            for form, tags in ed.expand_entry(aff, w, e.flags):
                if len(tags) != 1:
                    continue
                t = tags[0]
                if "+NUTID" in t:
                    pres.add(form)
                elif "+DATID" in t:
                    past.add(form)
                elif "+PERF_PART" in t:
                    pp.add(form)
            regular[w].append((pres, past, pp, 1 if 1 in e.flags else 20))
            if als:
                irregular[w].append(als)
        elif als and any(a.endswith("ende") for a in als):
            if w.endswith("s"):
                s_verbs.add(w)
            else:
                irregular[w].append(als)
        elif als and w.endswith("s") and all(a.endswith("s") for a in als):
            s_verbs.add(w)
    return regular, irregular, s_verbs


def _dedouble(w):
    return w[:-1] if len(w) > 2 and w[-1] == w[-2] else w


def classify_al(inf, als):
    """Return (present list, past list, pp list) from an al: list (see module doc)."""
    forms = [a for a in als if a != inf]
    fset = set(forms) | {inf}

    def is_passive(a):
        if not a.endswith("s"):
            return False
        for base in (a[:-1], a[:-2] if a.endswith("es") else None):
            if base and (base in fset or _dedouble(base) in fset):
                return True
        return False

    ende = next((i for i, a in enumerate(forms) if a.endswith("ende")), None)
    if ende is None:
        return [], [], []
    before = [a for a in forms[:ende] if not is_passive(a)]
    after = [a for a in forms[ende:] if not a.endswith("ende") and not a.endswith("endes")
             and not is_passive(a)]
    pres = []
    if inf + "r" in fset:
        pres = [inf + "r"]
    elif inf.endswith("re") and inf[:-1] in fset:
        pres = [inf[:-1]]  # gør, offentliggør
    elif before and before[0].endswith("r"):
        pres = [before[0]]
    past = [a for a in before if a not in pres]
    pp = after[:1]
    if not past and pp and pp[0].endswith("t") and not pp[0].endswith("et"):
        # weak past = participle + e (solgt -> solgte, ansat -> ansatte), when the list has it
        past = [c for c in (pp[0] + "e", pp[0] + pp[0][-1] + "e") if c in fset][:1]
    return pres, past, pp


def derive_from_manual(inf, manual, al_forms):
    """Build a prefixed strong verb's forms from its base in MANUAL.

    afgøre = af + gøre. The prefix must be made of PREFIXES, or (for a verb da_DK lists as
    irregular) the al: list must confirm the derived forms (offentliggøre, værdsætte).
    Per cell, a derived form that the al: list contradicts gives way to the al: form
    (tillade: -ladt, not -ladet). Returns (pres, past, pp) or None.
    """
    for i in range(1, len(inf) - 1):
        pre, base = inf[:i], inf[i:]
        if base not in manual:
            continue
        cells = [[pre + x for x in cell] for cell in COMPOUND_FORMS.get(base, manual[base])]
        confirmed = any(f in al_forms for cell in cells for f in cell)
        if not (_is_prefix_chain(pre) or confirmed):
            continue
        return cells
    return None


# ---------------------------------------------------------------------------
# Treebank
# ---------------------------------------------------------------------------
def ddt_verbs(path):
    """lemma -> {'pres': Counter-like dict, 'past': ..., 'pp': ..., 'inf': ...}"""
    out = defaultdict(lambda: {"pres": defaultdict(int), "past": defaultdict(int),
                               "pp": defaultdict(int), "inf": defaultdict(int),
                               "pass": defaultdict(int)})
    if not path or not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            form, lemma, upos, feats = cols[1].lower(), cols[2].lower(), cols[3], cols[5]
            if upos not in ("VERB", "AUX") or not re.fullmatch(r"[a-zæøåéü-]+", lemma):
                continue
            fs = dict(kv.split("=", 1) for kv in feats.split("|") if "=" in kv)
            d = out[lemma]
            if fs.get("Voice") == "Pass":
                d["pass"][form] += 1
            elif fs.get("VerbForm") == "Fin" and fs.get("Tense") == "Pres":
                d["pres"][form] += 1
            elif fs.get("VerbForm") == "Fin" and fs.get("Tense") == "Past":
                d["past"][form] += 1
            elif (fs.get("VerbForm") == "Part" and fs.get("Tense") == "Past"
                  and fs.get("Definite") == "Ind" and fs.get("Number") == "Sing"):
                d["pp"][form] += 1
            elif fs.get("VerbForm") == "Inf":
                d["inf"][form] += 1
    return out


def weak_from(inf, past=None, pp=None):
    """Fill a weak verb's cells from one attested form (for treebank-only verbs)."""
    pres = inf + "r"
    if past and not pp:
        if past.endswith("te"):
            pp = past[:-1]  # skete -> sket, sendte -> sendt
        elif past.endswith("de"):
            pp = past[:-2] + "t"  # behandlede -> behandlet, boede -> boet
    if pp and not past:
        if pp.endswith("et") and not inf.endswith("e"):
            past = inf + "ede"  # boet -> boede
        elif pp.endswith("et"):
            past = inf + "de"  # behandlet -> behandlede
        elif pp.endswith("t"):
            past = pp + "e"  # sendt -> sendte
    if not (past and pp):
        return None
    return [pres], [past], [pp]


def present_order(inf, forms):
    """sy: syr before syer; fri: frier before frir; forny: fornyer before fornyr."""
    def key(f):
        if inf.endswith("i") or inf.endswith("ny"):
            return (0 if f.endswith("er") else 1, f)
        return (len(f), f)
    return sorted(forms, key=key)


# ---------------------------------------------------------------------------
def order(forms, attested):
    """Unique forms, attested ones first, otherwise in the given order."""
    seen = []
    for f in forms:
        if f and f not in seen:
            seen.append(f)
    return sorted(seen, key=lambda f: (0 if attested.get(f) else 1, seen.index(f)))


def build(aff_path, dic_path, ddt_path, report=False):
    manual = parse_manual()
    regular, irregular, s_verbs = hunspell_verbs(aff_path, dic_path)
    ddt = ddt_verbs(ddt_path)
    rows = {}

    all_infs = set(regular) | set(irregular) | set(manual)
    for inf in sorted(all_infs):
        if inf.endswith("s") and inf not in manual:
            continue
        src = None
        if inf in manual:
            pres, past, pp = manual[inf]
            src = "manual"
        elif inf in irregular:
            al_forms = {x for als in irregular[inf] for x in als}
            cl = [[], [], []]
            for als in irregular[inf]:
                for i, cell in enumerate(classify_al(inf, als)):
                    cl[i] += [x for x in cell if x not in cl[i]]
            der = derive_from_manual(inf, manual, al_forms)
            if der:
                src = "manual"
                for i in range(3):
                    if cl[i] and not any(x in al_forms for x in der[i]):
                        der[i] = cl[i]
                pres, past, pp = der
            else:
                src = "hunspell"
                pres, past, pp = cl
                # a regular homograph's forms count only when the al: list also has them
                for rp, rpast, rpp, _ in regular.get(inf, ()):
                    pres += sorted(x for x in rp if not pres)
                    past += sorted(x for x in rpast if x in al_forms or not past)
                    pp += sorted(x for x in rpp if x in al_forms or not pp)
                # sanity: the present must be built on the infinitive (drops data errors)
                if pres and not pres[0].startswith(inf[:max(1, len(inf) - 2)]):
                    continue
        else:
            pres, past, pp = [], [], []
            # several regular entries (bage/20 and bage/1): -te class first
            for rp, rpast, rpp, cls in sorted(regular[inf], key=lambda r: 0 if r[3] == 20 else 1):
                pres += present_order(inf, rp)
                past += sorted(rpast)
                pp += sorted(rpp)
            src = "hunspell"
        if not (pres and past and pp):
            continue
        at = ddt.get(inf, None)
        rows[inf] = [order(pres, at["pres"] if at else {}), order(past, at["past"] if at else {}),
                     order(pp, at["pp"] if at else {}), src]

    # treebank-only verbs
    n_ddt = 0
    for lemma in sorted(ddt):
        if lemma in rows or lemma.endswith("s") or lemma in DDT_SKIP or "-" in lemma:
            continue
        d = ddt[lemma]
        past = max(d["past"], key=lambda f: (d["past"][f], f)) if d["past"] else None
        pp = max(d["pp"], key=lambda f: (d["pp"][f], f)) if d["pp"] else None
        if not (past or pp):
            continue
        filled = weak_from(lemma, past, pp)
        if not filled:
            continue
        pres, pasts, pps = filled
        if d["pres"]:
            pres = [max(d["pres"], key=lambda f: (d["pres"][f], f))]
        rows[lemma] = [pres, pasts, pps, "ddt"]
        n_ddt += 1

    if report:
        src_count = defaultdict(int)
        for r in rows.values():
            src_count[r[3]] += 1
        print(f"verbs: {len(rows)}  by source: {dict(src_count)}  "
              f"hunspell -s verbs left out: {len(s_verbs)}", file=sys.stderr)
        # disagreements with the treebank
        for lemma in sorted(ddt):
            if lemma not in rows:
                if not lemma.endswith("s"):
                    print(f"  ddt lemma not in lexicon: {lemma} {dict(ddt[lemma]['pres'])} "
                          f"{dict(ddt[lemma]['past'])} {dict(ddt[lemma]['pp'])}", file=sys.stderr)
                continue
            pres, past, pp, src = rows[lemma]
            for key, cell in (("pres", pres), ("past", past), ("pp", pp)):
                for f in ddt[lemma][key]:
                    if f not in cell:
                        print(f"  ddt {key} form not in lexicon: {lemma} {f} (lexicon {','.join(cell)})",
                              file=sys.stderr)
    return rows, s_verbs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aff", default=os.path.join(ROOT, "dictionaries", "da_DK.aff"))
    ap.add_argument("--dic", default=os.path.join(ROOT, "dictionaries", "da_DK.dic"))
    ap.add_argument("--ddt", default=os.path.join(os.path.dirname(ROOT), "shared", "data", "ud-ddt",
                                                   "da_ddt-ud-dev.conllu"))
    ap.add_argument("--out", default=os.path.join(ROOT, "dictionaries", "verber.tsv"))
    ap.add_argument("--report", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.ddt):
        print(f"note: treebank {a.ddt} not found; building from hunspell and the manual table",
              file=sys.stderr)
    rows, _ = build(a.aff, a.dic, a.ddt, a.report)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# infinitive\tpresent\tpast\tparticiple\tsource\n")
        for inf in sorted(rows):
            pres, past, pp, src = rows[inf]
            f.write(f"{inf}\t{','.join(pres)}\t{','.join(past)}\t{','.join(pp)}\t{src}\n")
    print(f"wrote {len(rows)} verbs to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
