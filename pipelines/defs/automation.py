"""Jobs and schedules: a weekly full refresh and a daily incremental one (both off by default).

`refresh` runs the whole graph: directory crawl, website crawl (conditional requests against
the last good copy), staging, checks, core, marts, publish. `incremental_refresh` skips the
directory crawl and reuses the newest directory snapshot, so a day's run only revalidates the
programs' websites: unchanged pages answer 304 and are not re-read by the extractor.
`reextract` crawls nothing: it re-reads the newest raw crawl (the stored page bodies) with the
current extractor and republishes, so a better extractor reaches the warehouse without a crawl.
Turn a schedule on in the UI (`gme ui` -> Automation) or with `dagster schedule start`.
"""

from datetime import timedelta

import dagster as dg

from pipelines.runner import DATA_DIR_TAG
from warehouse.paths import data_dir

# which data dir a run writes: the next run of that data dir marks it failed if its process died
TAGS = {DATA_DIR_TAG: str(data_dir())}

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    tags=TAGS,
    description="Full refresh: crawl directory and websites, stage, validate, publish, indicators, recommendations.",
)

incremental_refresh_job = dg.define_asset_job(
    "incremental_refresh",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(["raw", "directory_pages"]),
    tags=TAGS,
    description="Website-only refresh on the newest directory snapshot (conditional requests; only changed pages re-read).",
)

# everything below the raw layer: staging loads the newest complete crawls from the run store
reextract_job = dg.define_asset_job(
    "reextract",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("crawl"),
    tags=TAGS,
    description="No crawl: re-read the newest raw crawl with the current extractor, validate, republish.",
)

weekly_refresh = dg.ScheduleDefinition(
    name="weekly_refresh",
    job=refresh_job,
    cron_schedule="0 3 * * 1",  # Mondays 03:00
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)

daily_incremental_refresh = dg.ScheduleDefinition(
    name="daily_incremental_refresh",
    job=incremental_refresh_job,
    cron_schedule="0 4 * * *",  # every day 04:00
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)

# The published warehouse is fresh when a refresh landed in the window each schedule gives it:
# the daily incremental refresh starts at 04:00 UTC (Mondays the weekly full one ran at 03:00
# too), so by 06:00 UTC the warehouse must have been published since 04:00. Dagster 1.13's
# FreshnessPolicy (the pre-1.11 one is LegacyFreshnessPolicy); its state shows in the UI's
# asset health, evaluated by the daemon (`gme ui` starts one). With the schedules off, as they
# are by default, the policy fails from the first 06:00 after a manual refresh: that is the point.
PUBLISHED_FRESHNESS = dg.FreshnessPolicy.cron(deadline_cron="0 6 * * *", lower_bound_delta=timedelta(hours=2),
                                              timezone="UTC")
