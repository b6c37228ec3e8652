"""The sample world: which programs exist, their hosts, order, epochs and faults (pure, seeded).

Everything here is a deterministic function of (seed file, --seed, --programs, --epoch,
--faults). Building the world for 5,000 programs takes well under a second; the facts and the
pages of a program are computed on demand (facts.py, site.py).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SEED_FILE = Path(__file__).parent / "data" / "programs.csv.gz"
FAULT_PROFILES = ("none", "flaky", "hostile")
EPOCH_CHANGE_RATE = 0.05  # share of programs whose facts and pages change at each new epoch

# Specialties weighted in the --programs order: IM is where the real FREIDA facts are.
ORDER_WEIGHT = {"140": 4, "120": 2}


@dataclass(frozen=True)
class SeedProgram:
    """One program's identity facts, as committed in the seed file."""
    program_id: str
    source: str  # "freida" (real IM row) or "nrmp" (institution x specialty)
    nrmp_code: str
    specialty_code: str
    specialty: str
    name: str
    institution: str
    city: str
    state: str
    setting: str
    first_year_positions: int | None
    pct_img: float | None
    pct_do: float | None
    pct_usmd: float | None
    visa_statuses: tuple[str, ...]
    participates_in_eras: bool | None
    accepting_applications: bool | None
    interviews_conducted: int | None
    data_last_updated: str
    has_website: bool | None = None  # FREIDA lists no website for 31 of its programs
    host: str = ""


def unit(*parts: object) -> float:
    """A uniform number in [0, 1) from a hash of the parts: stable across runs and platforms."""
    h = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(h, "big") / 2**64


def _num(cell: str, kind=float):
    return kind(float(cell)) if cell not in ("", None) else None


def _bool(cell: str):
    return {"True": True, "False": False}.get(cell)


def slugify(name: str, specialty_code: str) -> str:
    """DNS-safe label from a program name: 'NYU Grossman School of Medicine Program' ->
    'nyu-grossman-medicine-140'."""
    drop = {"program", "of", "the", "and", "at", "school", "college", "for", "in", "medical",
            "center", "university", "hospital", "health", "system"}
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in drop]
    label = ""
    for w in words:
        if len(label) + len(w) + 1 > 40:
            break
        label = f"{label}-{w}" if label else w
    return f"{label or 'program'}-{specialty_code}"


@lru_cache(maxsize=1)
def seed_programs() -> tuple[SeedProgram, ...]:
    """All programs of the seed file, each with its unique host name."""
    out, hosts = [], set()
    with gzip.open(SEED_FILE, "rt", newline="") as fh:
        for r in csv.DictReader(fh):
            base = slugify(r["name"], r["specialty_code"])
            host, n = f"{base}.test", 2
            while host in hosts:
                host, n = f"{base}-{n}.test", n + 1
            hosts.add(host)
            out.append(SeedProgram(
                program_id=r["program_id"], source=r["source"], nrmp_code=r["nrmp_code"],
                specialty_code=r["specialty_code"], specialty=r["specialty"], name=r["name"],
                institution=r["institution"], city=r["city"], state=r["state"],
                setting=r["setting"], first_year_positions=_num(r["first_year_positions"], int),
                pct_img=_num(r["pct_img"]), pct_do=_num(r["pct_do"]), pct_usmd=_num(r["pct_usmd"]),
                visa_statuses=tuple(v for v in r["visa_statuses"].split(";") if v),
                participates_in_eras=_bool(r["participates_in_eras"]),
                accepting_applications=_bool(r["accepting_applications"]),
                interviews_conducted=_num(r["interviews_conducted"], int),
                data_last_updated=r["data_last_updated"],
                has_website=_bool(r["has_website"]), host=host,
            ))
    return tuple(_fill_places(out))


def _fill_places(programs: list[SeedProgram]) -> list[SeedProgram]:
    """NRMP rows rarely name a city: take one of the real FREIDA cities of the same state
    (stable per program). FREIDA rows have no institution: use the name without 'Program'."""
    from dataclasses import replace
    cities: dict[str, list[str]] = {}
    for p in programs:
        if p.source == "freida":
            cities.setdefault(p.state, [])
            if p.city not in cities[p.state]:
                cities[p.state].append(p.city)
    out = []
    for p in programs:
        if not p.city:
            pool = sorted(cities.get(p.state) or ["Springfield"])
            p = replace(p, city=pool[int(unit("city", p.program_id) * len(pool))])
        if not p.institution:
            inst = re.sub(r"\s*\(.*?\)\s*", " ", re.sub(r"\s+Program$", "", p.name)).strip()
            p = replace(p, institution=inst)
        out.append(p)
    return out


@lru_cache(maxsize=4)
def program_order(seed: int) -> tuple[SeedProgram, ...]:
    """All programs in the order `--programs N` takes them (the first N).

    Specialties are interleaved (rank within specialty / weight), so any prefix spreads over
    specialties, starts with Internal Medicine programs, and a smaller N is a prefix of a
    larger one.
    """
    by_spec: dict[str, list[SeedProgram]] = {}
    for p in seed_programs():
        by_spec.setdefault(p.specialty_code, []).append(p)
    keyed = []
    for code, progs in by_spec.items():
        progs.sort(key=lambda p: unit(seed, "order", p.program_id))
        w = ORDER_WEIGHT.get(code, 1)
        for rank, p in enumerate(progs):
            keyed.append(((rank + 1) / w, code != "140", code, p.program_id, p))
    keyed.sort(key=lambda k: k[:4])
    return tuple(k[-1] for k in keyed)


@dataclass
class World:
    """The programs served in one run, and the run's settings."""
    seed: int
    epoch: int
    faults: str
    programs: tuple[SeedProgram, ...]
    by_host: dict[str, SeedProgram] = field(default_factory=dict)
    by_id: dict[str, SeedProgram] = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # per-world caches of derived values

    def version(self, program_id: str) -> int:
        """The last epoch (<= self.epoch) at which this program changed; 1 if never."""
        return version_of(self.seed, program_id, self.epoch)


def website_url(seed: int, p: SeedProgram) -> str | None:
    """The program's address as the directory lists it: ~20% give the www. alias, which
    answers with a redirect to the canonical host; none where FREIDA lists none (31 real IM
    programs) and for 4.5% of the others, as in FREIDA. The site is served all the same."""
    if p.has_website is False or (p.has_website is None and unit(seed, "no-site", p.program_id)
                                  < 0.045):
        return None
    www = unit(seed, "www", p.program_id) < 0.2
    return f"http://{'www.' if www else ''}{p.host}/"


def version_of(seed: int, program_id: str, epoch: int) -> int:
    for e in range(epoch, 1, -1):
        if unit(seed, "epoch-change", program_id, e) < EPOCH_CHANGE_RATE:
            return e
    return 1


def build_world(programs: int | None = None, epoch: int = 1, faults: str = "none",
                seed: int = 0) -> World:
    if faults not in FAULT_PROFILES:
        raise ValueError(f"--faults must be one of {', '.join(FAULT_PROFILES)}, not {faults!r}")
    if epoch < 1:
        raise ValueError("--epoch must be >= 1")
    order = program_order(seed)
    if programs is not None:
        if programs < 1:
            raise ValueError("--programs must be >= 1")
        order = order[:programs]
    w = World(seed=seed, epoch=epoch, faults=faults, programs=order)
    for p in order:
        w.by_host[p.host] = p
        w.by_host["www." + p.host] = p
        w.by_id[p.program_id] = p
    return w
