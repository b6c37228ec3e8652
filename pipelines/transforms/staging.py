"""Staging transforms: raw crawl output -> typed frames (pure Polars, no I/O)."""

from __future__ import annotations

import polars as pl

PROGRAM_SCHEMA: dict[str, pl.DataType] = {
    "program_id": pl.String,
    "name": pl.String,
    "specialty_code": pl.String,
    "specialty": pl.String,
    "institution": pl.String,
    "city": pl.String,
    "state": pl.String,
    "setting": pl.String,
    "website": pl.String,
    "first_year_positions": pl.Int32,
    "pct_img": pl.Float64,
    "pct_do": pl.Float64,
    "pct_usmd": pl.Float64,
    "visa_statuses": pl.List(pl.String),
    "min_step1": pl.Int32,
    "min_step2ck": pl.Int32,
    "min_comlex2": pl.Int32,
    "yog_max_years": pl.Int32,
    "survey_year": pl.Int32,
    "basic_listing": pl.Boolean,
    "source_url": pl.String,
}

# Columns of the website crawl output (docs/INTERFACES.md section 5) kept in staging.
PAGE_COLUMNS = (
    "program_id", "requested_url", "final_url", "status", "error", "etag", "last_modified", "content_type", "content_hash",
    "fetched_at", "not_modified", "skipped", "changed", "reason", "depth",
)
# Fetches of a site's own files, kept for the next crawl but never staged as program pages.
SITE_FILE_KINDS = ("robots", "sitemap")
# A program page's identity from one crawl to the next: the program, and the page's address
# after redirects (two programs on one host may share a page).
PAGE_KEY = ["program_id", "page"]


def stage_programs(parsed: pl.DataFrame, directory_pages: pl.DataFrame | None = None) -> pl.DataFrame:
    """Typed directory programs, one row per program (first occurrence wins)."""
    frame = parsed.select(
        [
            (pl.col(c).cast(t, strict=False) if c in parsed.columns else pl.lit(None, dtype=t)).alias(c)
            for c, t in PROGRAM_SCHEMA.items()
        ]
    )
    frame = frame.with_columns(
        pl.col("program_id").str.strip_chars(),
        pl.col("specialty_code").str.zfill(3),
        pl.col("state").str.strip_chars().str.to_uppercase(),
    ).unique(subset="program_id", keep="first", maintain_order=True)
    if directory_pages is not None and directory_pages.height:
        fetched = directory_pages.select(
            pl.col("url").alias("source_url"), pl.col("fetched_at").cast(pl.Datetime("us", "UTC"))
        ).unique(subset="source_url", keep="last")
        frame = frame.join(fetched, on="source_url", how="left")
    else:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Datetime("us", "UTC")).alias("fetched_at"))
    return frame


def page_kind(url: str) -> str:
    """What a page is (eligibility, application, home, news, other), as the extractor's merge ranks it."""
    from eligibility.merge import page_kind as kind_of

    return kind_of(url, None)


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `page`: a page's identity from one crawl to the next is its address after redirects."""
    return frame.with_columns(
        pl.col("fetched_at").cast(pl.Datetime("us", "UTC")), pl.coalesce("final_url", "requested_url").alias("page")
    )


def _ok(frame: pl.DataFrame) -> pl.Expr:
    return pl.col("error").is_null() & pl.col("status").is_in([200, 203, 304])


def stage_pages(current: pl.DataFrame, last_good: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Merge this run's fetches with the last good copy of every page.

    Returns (staged, new_last_good). Per page (its address after redirects): a successful
    fetch (200, or 304 carried over) wins; 404/410 drop the page; any other failure keeps the last good copy. When a program's
    whole site failed this run (no successful fetch at all), all its last good pages are kept
    and marked stale, so its facts survive with the time they were last seen.
    """
    # `kind` must survive into the last-good store: the next crawl reads it to tell robots.txt
    # and sitemaps (reused or revalidated as such) from pages, and a PDF from HTML
    cols = (*PAGE_COLUMNS, "body", "body_codec", "encoding", "text", "kind")

    def split(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        keyed = _keyed(frame.select([c for c in cols if c in frame.columns]))
        if "kind" not in keyed.columns:  # a store written before `kind` was kept
            keyed = keyed.with_columns(
                pl.when(pl.col("requested_url").str.ends_with("/robots.txt")).then(pl.lit("robots"))
                .otherwise(pl.lit("page")).alias("kind"))
        is_site_file = pl.col("kind").is_in(list(SITE_FILE_KINDS))
        return keyed.filter(~is_site_file), keyed.filter(is_site_file)

    # robots.txt and sitemap fetches are no program page, but the last-good store keeps them:
    # the next crawl reuses a fresh robots.txt (the crawler skips one fetched within 24 h) and
    # revalidates a sitemap to learn which pages changed
    current, robots = split(current)
    robots_kept = robots.filter(_ok(robots))
    if last_good is not None and last_good.height:
        last_good, earlier_robots = split(last_good)
        # an earlier copy stays unless this run fetched the file again or found it gone (a
        # sitemap a site removed is not asked for run after run)
        gone = robots.filter(pl.col("status").is_in([404, 410]))["page"]
        robots_kept = pl.concat(
            [robots_kept, earlier_robots.filter(~pl.col("page").is_in(robots_kept["page"].implode())
                                                & ~pl.col("page").is_in(gone.implode()))],
            how="diagonal_relaxed",
        )
    # Everything is per program: programs that share a host (an institution's site) may state
    # their rules on one shared page, and each of them must keep it.
    # Every successful fetch is remembered (a redirect and its target are two fetches of one
    # page: the next crawl needs both); staging shows each page once per program.
    good_fetches = current.filter(_ok(current)).unique(subset=["program_id", "requested_url"], keep="last",
                                                       maintain_order=True)
    good_now = good_fetches.unique(subset=PAGE_KEY, keep="last", maintain_order=True)
    gone_now = current.filter(pl.col("status").is_in([404, 410])).select(PAGE_KEY).unique()

    if last_good is None or last_good.height == 0:
        carried = good_now.clear()
    else:
        programs_ok = good_now["program_id"].unique()
        failed = (current.filter(~_ok(current)).join(gone_now, on=PAGE_KEY, how="anti")
                  .select(PAGE_KEY).unique().with_columns(pl.lit(True).alias("_failed")))
        carried = (
            last_good.join(good_now.select(PAGE_KEY), on=PAGE_KEY, how="anti")
            .join(gone_now, on=PAGE_KEY, how="anti")
            .join(failed, on=PAGE_KEY, how="left")
            # a page that failed this run, or any page of a site that failed entirely; a page of a
            # site crawled fine this run that is simply no longer linked is dropped
            .filter(pl.col("_failed").fill_null(False) | ~pl.col("program_id").is_in(programs_ok.implode()))
            .drop("_failed")
            .with_columns(pl.lit(False).alias("changed"), pl.lit(False).alias("not_modified"), pl.lit(False).alias("skipped"))
        )
        carried = carried.select([c for c in good_now.columns if c in carried.columns])
        # A redirect the crawler skipped this run (it asked the target directly) is still a
        # redirect: keep the earlier row that maps the requested URL to its target.
        known_redirects = (
            last_good.filter(pl.col("requested_url") != pl.col("page"))
            .join(good_now.select(PAGE_KEY), on=PAGE_KEY, how="semi")
            .join(good_fetches.select("program_id", "requested_url"), on=["program_id", "requested_url"], how="anti")
        )
        good_fetches = pl.concat([good_fetches, known_redirects], how="diagonal_relaxed")

    # The last-good store keeps each fetch as the crawler recorded it (requested URL, final URL),
    # so the next crawl knows its redirects and sends the final page's validators.
    kept = pl.concat([good_now, carried], how="diagonal_relaxed")
    new_last_good = pl.concat([good_fetches, carried, robots_kept], how="diagonal_relaxed").drop("page")
    site_failed = (
        current.group_by("program_id").agg(_ok(current).any().alias("any_ok")).filter(~pl.col("any_ok"))
    )["program_id"]
    staged = kept.drop([c for c in ("body", "body_codec", "encoding", "text", "kind") if c in kept.columns])
    # staged pages are identified by where their content lives (after redirects): `url`, the
    # page's address, second; the URL asked for (raw's requested_url) after the fetch columns
    rest = [c for c in staged.columns if c not in ("program_id", "requested_url", "page")]
    staged = staged.select("program_id", pl.col("page").alias("url"), *rest, "requested_url")
    # as in raw: not_modified means answered 304, skipped means not requested (the sitemap vouched)
    if "skipped" not in staged.columns:
        staged = staged.with_columns(pl.lit(False).alias("skipped"))
    staged = staged.with_columns(pl.col("skipped").fill_null(False), pl.col("not_modified").fill_null(False))
    staged = staged.with_columns(
        pl.col("url").map_elements(page_kind, return_dtype=pl.String).alias("page_kind"),
        pl.col("program_id").is_in(site_failed.implode()).alias("site_failed_this_run"),
    )
    return staged, new_last_good


def website_status(current: pl.DataFrame, programs: pl.DataFrame) -> pl.DataFrame:
    """Per program: outcome of this run's website crawl (ok / not_modified / failed:<reason> / no_website)."""
    if "kind" in current.columns:  # robots.txt and sitemaps say nothing about the program's pages
        current = current.filter(~pl.col("kind").is_in(list(SITE_FILE_KINDS)) | pl.col("kind").is_null())
    if current.height == 0:
        per = pl.DataFrame(schema={"program_id": pl.String, "website_status": pl.String})
    else:
        fresh = pl.col("status") == 200
        # a page answered 304 (not_modified) or not requested (skipped) is no new content
        for reused in ("not_modified", "skipped"):
            if reused in current.columns:
                fresh = fresh & ~pl.col(reused).fill_null(False)
        per = current.group_by("program_id").agg(
            _ok(current).any().alias("any_ok"),
            fresh.any().alias("any_200"),
            pl.col("error").drop_nulls().first().alias("first_error"),
            pl.col("status").first().alias("first_status"),
        ).select(
            "program_id",
            pl.when(pl.col("any_200")).then(pl.lit("ok"))
            .when(pl.col("any_ok")).then(pl.lit("not_modified"))
            .otherwise(pl.concat_str(pl.lit("failed:"), pl.coalesce(pl.col("first_error"), pl.col("first_status").cast(pl.String))))
            .alias("website_status"),
        )
    out = programs.select("program_id", "website").join(per, on="program_id", how="left")
    return out.select(
        "program_id",
        pl.when(pl.col("website").is_null()).then(pl.lit("no_website"))
        .otherwise(pl.coalesce(pl.col("website_status"), pl.lit("failed:not_crawled"))).alias("website_status"),
    )
