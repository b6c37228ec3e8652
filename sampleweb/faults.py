"""Which network and markup faults each program's site has, per fault profile (deterministic).

`none`: no faults at all. `flaky`: ~15% of sites have one recoverable fault (a 5xx burst, slow
answers, 429s, a missing charset). `hostile`: about half the sites have one to three faults of
any kind, and at least one site is down for the whole run. Page-level faults hit pages made
for them (an updates page, an events page, a photo gallery, an "apply online" link), so the
eligibility facts stay reachable except on a site that is down.
"""

from __future__ import annotations

from sampleweb.world import World, unit

FLAKY = {"5xx_burst": 3, "slow": 2, "rate_limit_429": 2, "missing_charset": 1}
HOSTILE = {
    "5xx_burst": 3, "slow": 2, "timeout": 2, "rate_limit_429": 2, "redirect_loop": 2,
    "truncated_body": 2, "oversize_body": 2, "wrong_charset": 2, "missing_charset": 1,
    "malformed_html": 3, "offsite_links": 2, "private_links": 2,
}
ALL_FAULTS = tuple(HOSTILE) + ("site_down",)

# Where the page-level faults live (paths added to the site for them).
FAULT_PATHS = {
    "timeout": "/events",
    "truncated_body": "/updates",
    "oversize_body": "/photo-gallery",
    "redirect_loop": "/apply-online",
}
BURST_FAILURES = 2            # 5xx answers per path before it recovers
SLOW_SECONDS = {"flaky": 1.0, "hostile": 2.5}
TIMEOUT_SECONDS = 90.0        # longer than any sane client timeout
RATE_LIMIT_WINDOW = 1.0       # a second request within this many seconds gets a 429
RETRY_AFTER = 2
OVERSIZE_BYTES = 11 * 1024 * 1024


def _pick(weights: dict[str, int], r: float) -> str:
    total = sum(weights.values())
    acc = 0.0
    for name, w in weights.items():
        acc += w / total
        if r < acc:
            return name
    return name


def program_faults(world: World, program_id: str) -> list[str]:
    """Sorted fault names for a program under the world's profile."""
    if world.faults == "none":
        return []
    if world.faults == "flaky":
        if unit(world.seed, "flaky", program_id) < 0.15:
            return [_pick(FLAKY, unit(world.seed, "flaky-kind", program_id))]
        return []
    if program_id == down_program(world) or unit(world.seed, "down", program_id) < 0.01:
        return ["site_down"]
    if unit(world.seed, "hostile", program_id) >= 0.5:
        return []
    n = 1 + int(unit(world.seed, "hostile-n", program_id) * 3)
    names = {_pick(HOSTILE, unit(world.seed, "hostile-kind", program_id, i)) for i in range(n)}
    if {"wrong_charset", "missing_charset"} <= names:
        names.discard("missing_charset")
    return sorted(names)


def down_program(world: World) -> str | None:
    """The one site guaranteed to be down in a hostile run (not the first program, so that a
    tiny run still has a healthy Internal Medicine site)."""
    if "down" not in world.memo:
        pick = None
        if world.faults == "hostile" and len(world.programs) >= 3:
            pick = min(world.programs[1:],
                       key=lambda p: unit(world.seed, "down-pick", p.program_id)).program_id
        world.memo["down"] = pick
    return world.memo["down"]
