"""Build the committed program seed (`sampleweb/data/programs.csv.gz`) from ../shared/data.

Run by hand (`python -m sampleweb.build_seed [SHARED_DATA_DIR]`); the runtime reads only the
committed seed, never ../shared. The seed holds program identity facts only (no person data):
689 real FREIDA Internal Medicine programs, plus NRMP institution x specialty programs for the
other specialties. See sampleweb/data/SOURCES.md for provenance and the derivations below.
"""

from __future__ import annotations

import ast
import csv
import gzip
import hashlib
import io
import re
import sys
from pathlib import Path

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico",
}

# Track sub-names that mark a pathway inside one program (research, primary care...), not a
# separate program at another site.
PATHWAY = re.compile(
    r"research|pathway|physician.scientist|investigator|ABIM|ABP|primary|global|scholar|"
    r"academic|leader|advocacy|equity|health|clinician|track|\bpath\b|\d-yr",
    re.I,
)

ABBREVIATIONS = [
    (r"\bMed Ctr\b", "Medical Center"), (r"\bMed\b", "Medical"), (r"\bCtr\b", "Center"),
    (r"\bHosp\b", "Hospital"), (r"\bHosps\b", "Hospitals"), (r"\bReg\b", "Regional"),
    (r"\bComm\b", "Community"), (r"\bColl\b", "College"), (r"\bOsteo\b", "Osteopathic"),
    (r"\bSOM\b", "School of Medicine"), (r"\bCOM\b", "College of Medicine"),
    (r"\bUniv\b", "University"), (r"\bMem\b", "Memorial"), (r"\bSys\b", "System"),
    (r"\bHlth\b", "Health"), (r"\bEduc\b", "Education"), (r"^U ", "University of "), (r"\bU\b", "University"),
    (r"\bSt\b", "St."), (r"\bProgs\b", "Programs"),
]

FIELDS = [
    "program_id", "source", "nrmp_code", "specialty_code", "specialty", "name", "institution",
    "institution_code", "city", "state", "setting", "first_year_positions", "pct_img",
    "pct_do", "pct_usmd", "visa_statuses", "participates_in_eras", "accepting_applications",
    "interviews_conducted", "data_last_updated", "has_website",
]


def expand_institution(raw: str) -> str:
    """'Mercy Med Ctr-Redding-CA' -> 'Mercy Medical Center-Redding' (state suffix dropped)."""
    name = re.sub(r"-[A-Z]{2}$", "", raw.strip())
    for pattern, repl in ABBREVIATIONS:
        name = re.sub(pattern, repl, name)
    return name.replace("-", " - ")


def infer_states(rows: list[dict]) -> dict[str, str]:
    """Institution code -> state: the '-XX' suffix, else the state block the row sits in.

    The NRMP file lists institutions grouped by state (Alabama, Alaska, Arizona, ...), so a row
    without a suffix belongs to the block of its neighbours; at a block boundary the state
    whose name appears in the institution name wins, else the preceding block.
    """
    suffix = []
    for r in rows:
        m = re.search(r"-([A-Z]{2})$", r["name"].strip())
        suffix.append(m.group(1) if m and m.group(1) in STATES else None)
    out = {}
    for i, r in enumerate(rows):
        if suffix[i]:
            out[r["institutionCode"]] = suffix[i]
            continue
        prev = next((s for s in reversed(suffix[:i]) if s), None)
        nxt = next((s for s in suffix[i + 1:] if s), None)
        state = prev or nxt
        if prev != nxt:
            for cand in (prev, nxt):
                if cand and STATES[cand].split()[-1].lower() in r["name"].lower():
                    state = cand
        out[r["institutionCode"]] = state
    return out


def parse_city(raw: str) -> str:
    """A city named in the institution ('Mercy Med Ctr-Redding-CA' -> 'Redding'), else ''."""
    parts = re.sub(r"-[A-Z]{2}$", "", raw.strip()).split("-")
    if len(parts) < 2:
        return ""
    cand = parts[-1].strip()
    if re.search(r"\b(Med|Hosp|Ctr|Health|SOM|COM|Campus|Program|Progs|Inst|Sys|Coll|U)\b", cand):
        return ""
    if not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}", cand):
        return ""
    return cand


_GENERIC = {"university", "of", "medical", "center", "hospital", "hospitals", "health", "school",
            "medicine", "college", "program", "the", "and", "at", "system", "regional",
            "community", "graduate", "education", "gme", "consortium", "st", "saint"}


def name_key(name: str) -> tuple[str, ...]:
    """The first two distinctive words of an institution or program name ('NYU Grossman')."""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if w not in _GENERIC]
    return tuple(words[:2])


def freida_cities(rows: list[dict]) -> dict[tuple, str]:
    """(state, name key) -> the city of the FREIDA programs with that key (most common)."""
    counts: dict[tuple, dict[str, int]] = {}
    for r in rows:
        key = (r["state"], name_key(r["name"]))
        if len(key[1]) == 2:
            counts.setdefault(key, {}).setdefault(r["city"], 0)
            counts[key][r["city"]] += 1
    return {k: max(v, key=lambda c: (v[c], c)) for k, v in counts.items()}


def synthetic_program_id(specialty_code: str, nrmp_code: str, sub: str, taken: set) -> str:
    """Specialty code + 7 digits from a hash of the NRMP code: stable, unique, real-looking."""
    salt = 0
    while True:
        h = hashlib.sha256(f"{nrmp_code}|{sub}|{salt}".encode()).hexdigest()
        pid = specialty_code + f"{int(h, 16) % 10_000_000:07d}"
        if pid not in taken:
            taken.add(pid)
            return pid
        salt += 1


def visa_list(cell: str) -> list[str]:
    """FREIDA's Python-list string; a few rows hold {'value','label'} dicts instead."""
    out = []
    for v in ast.literal_eval(cell or "[]"):
        out.append(v["value"] if isinstance(v, dict) else v)
    return out


def build(shared: Path) -> list[dict]:
    specialties = {
        r["acgmeSpecialtyCode"]: r["name"]
        for r in csv.DictReader(open(shared / "residency match data - specialties.csv"))
    }
    inst_rows = list(csv.DictReader(open(shared / "residency match data - institutions.csv")))
    inst_state = infer_states(inst_rows)
    inst_name = {r["institutionCode"]: r["name"].strip() for r in inst_rows}

    rows: list[dict] = []
    taken: set[str] = set()
    for r in csv.DictReader(open(shared / "freida_programs_output.csv")):
        if r["program_id"] in taken:  # the upstream file lists one program twice
            continue
        taken.add(r["program_id"])
        rows.append({
            "program_id": r["program_id"], "source": "freida", "nrmp_code": "",
            "specialty_code": "140", "specialty": "Internal Medicine",
            "name": r["program_name_suffix"], "institution": "",
            "institution_code": "", "city": r["city"], "state": r["state"],
            "setting": r["program_best_described_as"],
            "first_year_positions": _int(r["first_year_positions"]),
            "pct_img": r["pct_img"], "pct_do": r["pct_do"], "pct_usmd": r["pct_usmd"],
            "visa_statuses": ";".join(visa_list(r["visa_statuses_accepted"])),
            "participates_in_eras": r["participates_in_eras"],
            "accepting_applications": r["accepting_applications_2026_2027"],
            "interviews_conducted": _int(r["interviews_conducted_last_year"]),
            "data_last_updated": r["data_last_updated"],
            "has_website": "True" if r["website"].strip() else "False",
        })

    cities = freida_cities(rows)
    seen: set[tuple] = set()
    nrmp = list(csv.DictReader(open(shared / "residency match data - programs.csv")))
    with_categorical = {(p["code"][:4], p["code"][4:7]) for p in nrmp
                        if len(p["code"]) == 9 and p["code"][7] == "C"}
    for p in nrmp:
        code = p["code"].strip()
        if len(code) != 9 or code[:4] not in inst_name:
            continue
        inst, spec, track = code[:4], code[4:7], code[7]
        if spec == "140":  # Internal Medicine comes from FREIDA, with its real facts
            continue
        if spec not in specialties:
            continue
        sub = ""
        if track == "C":
            sub = p["name"].split("/", 1)[1].strip() if "/" in p["name"] else ""
            if PATHWAY.search(sub):
                sub = ""
        elif track == "A" and (inst, spec) not in with_categorical:
            pass  # an advanced-only program (dermatology, radiology...): its own program
        elif spec == "999":
            pass  # Transitional Year: its own ACGME program, matched as P tracks
        else:
            continue
        key = (inst, spec, sub)
        if key in seen:
            continue
        seen.add(key)
        institution = expand_institution(inst_name[inst])
        title = specialties[spec] + (f" - {sub}" if sub else "")
        rows.append({
            "program_id": synthetic_program_id(spec, code, sub, taken), "source": "nrmp",
            "nrmp_code": code, "specialty_code": spec, "specialty": specialties[spec],
            "name": f"{institution} {title} Program", "institution": institution,
            "institution_code": inst,
            "city": parse_city(inst_name[inst]) or cities.get(
                (inst_state[inst], name_key(institution)), ""),
            "state": inst_state[inst] or "", "setting": "", "first_year_positions": "",
            "pct_img": "", "pct_do": "", "pct_usmd": "", "visa_statuses": "",
            "participates_in_eras": "", "accepting_applications": "",
            "interviews_conducted": "", "data_last_updated": "", "has_website": "",
        })
    return rows


def _int(cell: str) -> str:
    return str(int(float(cell))) if cell not in ("", None) else ""


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    shared = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "data"
    rows = build(shared)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    out = Path(__file__).parent / "data" / "programs.csv.gz"
    # mtime=0 so that a rebuild from the same inputs is byte-identical
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(buf.getvalue().encode())
    n_spec = len({r["specialty_code"] for r in rows})
    print(f"wrote {out}: {len(rows)} programs, {n_spec} specialties")


if __name__ == "__main__":
    main()
