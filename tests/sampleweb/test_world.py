"""The world itself (no HTTP): size, identities, subsets, calibrated shares, fault profiles."""

from __future__ import annotations

import collections
import re

from sampleweb.facts import program_facts
from sampleweb.faults import FLAKY, program_faults
from sampleweb.site import build_site
from sampleweb.world import build_world

DNS_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


def test_full_size_world_is_national_scale_with_unique_real_looking_ids():
    w = build_world()
    assert len(w.programs) >= 5000
    assert len({p.specialty_code for p in w.programs}) >= 40
    ids = [p.program_id for p in w.programs]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"\d{10}", i) for i in ids)
    assert all(p.program_id.startswith(p.specialty_code) for p in w.programs)
    hosts = [p.host for p in w.programs]
    assert len(set(hosts)) == len(hosts)
    assert all(h.endswith(".test") and DNS_LABEL.match(h[:-5]) for h in hosts)
    # the 688 real FREIDA Internal Medicine programs keep their real numbers and cities
    nyu = w.by_id["1403521292"]
    assert (nyu.city, nyu.state, nyu.source) == ("New York", "NY", "freida")


def test_smaller_runs_are_consistent_prefixes_spread_over_specialties():
    small, big = build_world(40), build_world(400)
    assert [p.program_id for p in big.programs[:40]] == [p.program_id for p in small.programs]
    assert [p.program_id for p in build_world(40).programs] == [
        p.program_id for p in small.programs]
    assert any(p.specialty_code == "140" for p in small.programs)
    assert len({p.specialty_code for p in small.programs}) >= 30


def test_calibrated_shares_match_the_domain_figures():
    w = build_world()
    facts = [program_facts(w, p) for p in w.programs]
    n = len(facts)
    basic = sum(f.basic_listing for f in facts) / n
    assert 0.20 <= basic <= 0.30, basic
    disagree = sum(bool(f.disagreements) for f in facts) / n
    assert 0.05 <= disagree <= 0.09, disagree
    # IM programs that list visas: about 64% take J-1 (JGME 2022)
    im = [f for p, f in zip(w.programs, facts) if p.specialty_code == "140"
          and f.directory["visa_statuses"]]
    j1 = sum(f.directory["j1_visa"] == "yes" for f in im) / len(im)
    assert 0.55 <= j1 <= 0.99, j1
    for f in facts:
        for field, both in f.disagreements.items():
            assert f.directory[field] == both["directory"] != both["website"] == f.website[field]


def test_website_facts_respect_the_stated_invariants():
    w = build_world(1000)
    for p in w.programs:
        site = program_facts(w, p).website
        if any(site[k] is not None for k in ("min_step2ck", "min_step1", "min_comlex2")):
            assert site["score_minimum_policy"] == "stated"
        if site["ecfmg_cert_required"] is not None:
            assert site["accepts_imgs"] is True
        if site["comlex_accepted"] is False:
            assert site["min_comlex2"] is None


def test_epochs_change_about_five_percent_of_programs():
    w2 = build_world(epoch=2)
    changed = [p for p in w2.programs if w2.version(p.program_id) == 2]
    share = len(changed) / len(w2.programs)
    assert 0.035 <= share <= 0.065, share
    w1 = build_world(epoch=1)
    p = changed[0]
    assert program_facts(w1, p).website != program_facts(w2, p).website or (
        build_site(w1, p).facts.last_modified < build_site(w2, p).facts.last_modified)


def test_fault_profiles():
    none = build_world(faults="none")
    assert all(program_faults(none, p.program_id) == [] for p in none.programs)
    flaky = build_world(faults="flaky")
    kinds = collections.Counter(f for p in flaky.programs for f in program_faults(flaky, p.program_id))
    assert set(kinds) == set(FLAKY)
    hostile = build_world(faults="hostile")
    kinds = collections.Counter(f for p in hostile.programs
                                for f in program_faults(hostile, p.program_id))
    assert {"site_down", "timeout", "redirect_loop", "truncated_body", "oversize_body",
            "wrong_charset", "malformed_html", "private_links", "offsite_links"} <= set(kinds)
    small = build_world(20, faults="hostile")
    assert any("site_down" in program_faults(small, p.program_id) for p in small.programs)


def test_every_truth_fact_is_placed_and_sites_have_3_to_12_pages():
    w = build_world(600)
    styles = set()
    for p in w.programs:
        site = build_site(w, p)
        styles.add(site.style.name)
        stated = {k for k, v in site.facts.website.items() if v is not None}
        assert stated == set(site.fact_urls), p.program_id
        n_pages = len([pg for pg in site.pages.values() if pg.kind != "extra"]) + bool(site.pdf)
        assert 3 <= n_pages <= 12, (p.program_id, n_pages)
    assert len(styles) >= 6
