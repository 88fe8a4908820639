#!/usr/bin/env python3
"""Check the labelled cross-lingual matching set in this folder.

Usage: python3 bench/eval/validate.py [bench/eval]
Exits non-zero on any error; prints counts and the language mix.
"""
import collections, json, os, re, sys, unicodedata

D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
errors, warnings = [], []
def err(m): errors.append(m)
def warn(m): warnings.append(m)

ORG_KINDS = {"enterprise", "university", "research_institute", "government", "hospital",
             "cooperative", "association", "training_provider"}
SUBJECTS = {"technology", "business", "research", "training", "investment"}
STATUSES = {"draft", "published", "closed"}
LANGS = {"zh-Hans", "vi", "en", "fr"}
COUNTRIES = {"CN", "VN", "LA", "KH", "TH", "MY", "SG", "ID", "PH", "MM", "BN", "FR"}
CJK = re.compile(r"[\u3400-\u9fff]")
VI_MARKS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.I)

def strings(x):
    if isinstance(x, str): yield x
    elif isinstance(x, dict):
        for v in x.values(): yield from strings(v)
    elif isinstance(x, list):
        for v in x: yield from strings(v)

def load(name):
    recs = []
    with open(os.path.join(D, name), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                err(f"{name}:{i}: blank line"); continue
            try: r = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{name}:{i}: invalid JSON: {e}"); continue
            if not isinstance(r, dict):
                err(f"{name}:{i}: not an object"); continue
            for s in strings(r):
                if unicodedata.normalize("NFC", s) != s: err(f"{name}:{i}: string not NFC: {s[:40]!r}")
                if s != s.strip(): err(f"{name}:{i}: untrimmed string: {s[:40]!r}")
            r["_where"] = f"{name}:{i}"
            recs.append(r)
    return recs

def check_text(r, field, required=True):
    t = r.get(field)
    if t is None:
        if required: err(f"{r['_where']}: missing {field}")
        return None
    if not (isinstance(t, dict) and isinstance(t.get("text"), str) and t["text"]):
        err(f"{r['_where']}: {field} must be {{lang, text}}"); return None
    lang = t.get("lang")
    if lang not in LANGS: err(f"{r['_where']}: {field}.lang {lang!r} not one of {sorted(LANGS)}")
    has_cjk = bool(CJK.search(t["text"]))
    if lang == "zh-Hans" and not has_cjk: err(f"{r['_where']}: {field} tagged zh-Hans without Han characters")
    if lang in ("en", "fr", "vi") and has_cjk: err(f"{r['_where']}: {field} tagged {lang} contains Han characters")
    return lang

orgs, offers, needs = load("orgs.jsonl"), load("offers.jsonl"), load("needs.jsonl")

org_refs = {}
for r in orgs:
    if r.get("type") != "organisation": err(f"{r['_where']}: type must be organisation")
    ref = r.get("ref")
    if not ref or ref in org_refs: err(f"{r['_where']}: missing or duplicate ref {ref!r}")
    org_refs[ref] = r
    check_text(r, "name")
    if r.get("kind") not in ORG_KINDS: err(f"{r['_where']}: bad kind {r.get('kind')!r}")
    if r.get("country") not in COUNTRIES: err(f"{r['_where']}: bad country {r.get('country')!r}")

used_orgs = set()
def sentences(t):
    return len([x for x in re.split(r"(?<=[。！？])|(?<=[.!?])\s+", t) if x.strip()])

SENTENCES = {"offer": (2, 5), "request": (1, 4)}
def check_profiles(recs, kind, name):
    refs, langs = {}, collections.Counter()
    for r in recs:
        w = r["_where"]
        if r.get("type") != "profile": err(f"{w}: type must be profile")
        ref = r.get("ref")
        if not ref or ref in refs: err(f"{w}: missing or duplicate ref {ref!r}")
        refs[ref] = r
        if r.get("kind") != kind: err(f"{w}: kind must be {kind}")
        org = r.get("org", r.get("organisation"))
        if org not in org_refs: err(f"{w}: org {org!r} not in orgs.jsonl")
        used_orgs.add(org)
        if r.get("subject", "technology") not in SUBJECTS: err(f"{w}: bad subject {r.get('subject')!r}")
        if r.get("status") != "published": err(f"{w}: status must be published")
        tc = r.get("target_countries", [])
        if not isinstance(tc, list) or any(c not in COUNTRIES for c in tc): err(f"{w}: bad target_countries {tc!r}")
        lt, ls = check_text(r, "title"), check_text(r, "summary")
        if lt != ls: err(f"{w}: title and summary languages differ ({lt} vs {ls})")
        langs[lt] += 1
        lo, hi = SENTENCES[kind]
        if ls and not lo <= sentences(r["summary"]["text"]) <= hi:
            err(f"{w}: summary has {sentences(r['summary']['text'])} sentences (want {lo}-{hi})")
    return refs, langs

offer_refs, offer_langs = check_profiles(offers, "offer", "offers")
need_refs, need_langs = check_profiles(needs, "request", "needs")
for ref in org_refs:
    if ref not in used_orgs: warn(f"organisation {ref} is not used by any profile")

# qrels
grades = collections.defaultdict(dict)
with open(os.path.join(D, "qrels.tsv"), encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3: err(f"qrels.tsv:{i}: expected 3 tab-separated columns"); continue
        n, o, g = parts
        if n not in need_refs: err(f"qrels.tsv:{i}: unknown need {n}")
        if o not in offer_refs: err(f"qrels.tsv:{i}: unknown offer {o}")
        if g not in ("1", "2", "3"): err(f"qrels.tsv:{i}: grade must be 1, 2 or 3")
        elif o in grades[n]: err(f"qrels.tsv:{i}: duplicate pair {n} {o}")
        else: grades[n][o] = int(g)
for n in need_refs:
    threes = [o for o, g in grades[n].items() if g == 3]
    if len(threes) != 1: err(f"{n}: {len(threes)} grade-3 offers (need exactly one)")
    if len(grades[n]) == 1: warn(f"{n}: no graded alternative besides the grade-3 offer")

if len(offers) < 70: err(f"only {len(offers)} offers (need >= 70)")
if len(needs) < 36: err(f"only {len(needs)} needs (need >= 36)")

def mix(c, total):
    return ", ".join(f"{l} {c[l]} ({100 * c[l] / total:.0f}%)" for l in sorted(c, key=lambda l: -c[l]))
no_diac = [r["ref"] for r in needs if r["title"]["lang"] == "vi"
           and not VI_MARKS.search(r["title"]["text"] + r["summary"]["text"])]
countries = collections.Counter(r.get("country") for r in orgs)
g3 = {o for n in grades for o, g in grades[n].items() if g == 3}
dist = collections.Counter(g for n in grades for g in grades[n].values())

print(f"organisations: {len(orgs)} ({', '.join(f'{c} {k}' for c, k in countries.most_common())})")
print(f"offers: {len(offers)}: {mix(offer_langs, len(offers))}")
print(f"needs:  {len(needs)}: {mix(need_langs, len(needs))}; Vietnamese without diacritics: {len(no_diac)} {no_diac}")
print(f"qrels: {sum(dist.values())} graded pairs: grade 3: {dist[3]}, grade 2: {dist[2]}, grade 1: {dist[1]}; "
      f"{len(g3)} distinct grade-3 offers; {len(offers) - len({o for n in grades for o in grades[n]})} offers never graded (distractors)")
for w in warnings: print("warning:", w)
for e in errors: print("ERROR:", e)
sys.exit(1 if errors else 0)
