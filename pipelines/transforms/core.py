"""Core transforms: reconcile directory and website facts into core.program_facts and core.programs.

Precedence, per program and field (README "How facts are chosen"):
1. Among a program's website pages, `eligibility.merge_program` decides (a dedicated
   eligibility/FAQ/IMG page beats an application page, then the home page, then news; fresh
   beats stale; only hard wording fills a rule; pages that still disagree leave it unknown).
2. The website beats the directory when it states the field: it is the program's own current
   word, while the directory survey is filled once a year and lags (DOMAIN.md: visa data
   disagree in 6-8% of programs). Both stay in core.program_facts; the field is listed in
   core.programs.conflicting_fields.
3. Rule groups travel together (issue 10): the score policy and the numeric minimums
   (`SCORE_GROUP`), the visas (`VISA_GROUP`) and the graduation limit are each taken whole from
   one source. When the website states anything in a group, none of the directory's facts of
   that group is selected: a website's "no minimum score" voids the directory's number instead
   of being spliced beside it. The voided directory facts stay in core.program_facts (not
   selected); a number voided by a website "no minimum" is listed in conflicting_fields.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import polars as pl

from pipelines.transforms.fields import FIELDS, from_text, to_text, typed_columns

FACT_COLUMNS = (
    "program_id", "field", "value", "strictness", "condition", "source", "url", "evidence", "stale",
    "selected", "seen_at",
)

SCORE_GROUP = ("min_step2ck", "min_step1", "min_comlex2", "score_minimum_policy")
VISA_GROUP = ("j1_visa", "h1b_visa")
# field -> its rule group (a field in no group is its own group)
RULE_GROUPS = {f: "score" for f in SCORE_GROUP} | {f: "visa" for f in VISA_GROUP} | {"yog_max_years": "graduation"}
_SCORE_NUMBERS = ("min_step2ck", "min_step1", "min_comlex2")

_VISA_LABELS = {"j1_visa": "J-1 through ECFMG", "h1b_visa": "H-1B"}
_DIRECTORY_NUMBERS = {
    "min_step2ck": "field_usmle_step_2_minimum_score",
    "min_step1": "field_usmle_step_1_minimum_score",
    "min_comlex2": "field_comlex_level_2_minimum_score",
    "yog_max_years": "field_years_since_graduation",
}


def directory_facts(programs: pl.DataFrame) -> pl.DataFrame:
    """Facts the directory survey states, in program_facts shape (source = directory).

    An empty visa list means "not given" (unknown), never "no"; a non-empty list that leaves
    a visa out says the program does not take it.
    """
    base = programs.select("program_id", pl.col("source_url").alias("url"), pl.col("fetched_at").alias("seen_at"))
    parts: list[pl.DataFrame] = []
    listed = programs.filter(pl.col("visa_statuses").list.len() > 0)
    for field, label in _VISA_LABELS.items():
        parts.append(
            listed.select(
                "program_id",
                pl.lit(field).alias("field"),
                pl.when(pl.col("visa_statuses").list.contains(label)).then(pl.lit("yes")).otherwise(pl.lit("no")).alias("value"),
                pl.concat_str(pl.lit("field_visa_status: "), pl.col("visa_statuses").list.join(", ")).alias("evidence"),
            )
        )
    for field, source_field in _DIRECTORY_NUMBERS.items():
        parts.append(
            programs.filter(pl.col(field).is_not_null()).select(
                "program_id",
                pl.lit(field).alias("field"),
                pl.col(field).cast(pl.String).alias("value"),
                pl.concat_str(pl.lit(f"{source_field}: "), pl.col(field).cast(pl.String)).alias("evidence"),
            )
        )
    scores = [pl.col(f).is_not_null() for f in ("min_step2ck", "min_step1", "min_comlex2")]
    parts.append(
        programs.filter(pl.any_horizontal(scores)).select(
            "program_id",
            pl.lit("score_minimum_policy").alias("field"),
            pl.lit("stated").alias("value"),
            pl.lit("a minimum score is given in the directory survey").alias("evidence"),
        )
    )
    facts = pl.concat(parts).join(base, on="program_id", how="left")
    return facts.select(
        "program_id", "field", "value",
        pl.lit("hard").alias("strictness"),
        pl.lit(None, dtype=pl.String).alias("condition"),
        pl.lit("directory").alias("source"),
        "url", "evidence",
        pl.lit(False).alias("stale"),
        pl.lit(False).alias("selected"),
        pl.col("seen_at").cast(pl.Datetime("us", "UTC")),
    )


def dated_stale(page_facts: pl.DataFrame, as_of: date | None = None) -> pl.Expr:
    """`stale` as of a day: the cached, date-independent flag, or a deadline year long past.

    The extraction cache is keyed by content and extractor version and never re-read, so the
    date part (`eligibility.staleness.dated_stale`: for deadline-like fields, the latest year
    the evidence names is two or more years before `as_of`) is computed here, at selection.
    """
    from eligibility.staleness import DATED_FIELDS, YEAR

    year = (as_of or date.today()).year
    latest = pl.col("evidence").cast(pl.String).str.extract_all(YEAR.pattern).list.eval(
        pl.element().cast(pl.Int32)).list.max()
    return pl.col("stale").cast(pl.Boolean).fill_null(False) | (
        pl.col("field").is_in(sorted(DATED_FIELDS)) & (latest <= year - 2)).fill_null(False)


def website_facts(page_facts: pl.DataFrame, as_of: date | None = None) -> pl.DataFrame:
    """Page facts in program_facts shape (source = website), `selected` where merge_program chose them.

    `stale` is decided as of `as_of` (default today) before the merge, so fresh beats stale
    by the day of the refresh, not by the day a page was first read.
    """
    return website_facts_cached(page_facts, as_of, None)[0]


def website_facts_cached(
    page_facts: pl.DataFrame, as_of: date | None, merge_cache: pl.DataFrame | None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`website_facts`, reusing the merge of every program whose merge input is unchanged.

    `merge_cache` is what the previous call returned (or None); returns (website facts, the
    cache to keep). A program's merge input is its facts as the merge reads them, with `stale`
    already decided as of `as_of`; the key also holds `merge_version()`, so a change to the
    merge, the extractor or the codec merges every program again. The result equals
    `website_facts` without a cache.
    """
    page_facts = page_facts.with_columns(dated_stale(page_facts, as_of).alias("stale"))
    text = [pl.col(c).cast(pl.String) for c in ("program_id", "field", "value", "strictness", "condition")]
    facts = page_facts.select(
        *text,
        pl.lit("website").alias("source"),
        pl.col("url").cast(pl.String),
        pl.col("evidence").cast(pl.String),
        pl.col("stale").cast(pl.Boolean).fill_null(False),
        pl.col("page_chosen").cast(pl.Boolean).fill_null(False),
        pl.col("fetched_at").cast(pl.Datetime("us", "UTC")).alias("seen_at"),
        # the stored kind ranks the pages in the merge (staging.pages.page_kind)
        (pl.col("page_kind") if "page_kind" in page_facts.columns else pl.lit(None)).cast(pl.String).alias("page_kind"),
    )
    # one order whatever order the pages were staged in: the merge's choice among equal facts follows it
    chosen, cache = merged_choices_cached(facts.sort("program_id", "url", "field", "evidence", "value", nulls_last=True),
                                          merge_cache)
    website = facts.join(chosen, on=["program_id", "field", "url", "evidence", "value"], how="left").with_columns(
        pl.col("selected").fill_null(False)
    ).drop("page_chosen", "page_kind")
    return website, cache


# What the merge of one program reads (besides its program_id), in this order: its input hash.
MERGE_INPUT_COLUMNS = ("url", "field", "value", "strictness", "condition", "evidence", "stale", "page_chosen", "page_kind")
CHOICE_COLUMNS = ("program_id", "field", "url", "evidence", "value")
MERGE_CACHE_SCHEMA = {"program_id": pl.String, "input_hash": pl.String, **{c: pl.String for c in CHOICE_COLUMNS[1:]}}


def merge_version() -> str:
    """A digest of the code a merge result depends on: the extractor and merge (all of
    eligibility/, as `extractor_version`), this module and the field codec."""
    from pipelines.transforms import fields
    from pipelines.transforms.extraction import extractor_version

    digest = hashlib.sha256(extractor_version().encode())
    for path in (Path(__file__), Path(fields.__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def merge_input_hashes(facts: pl.DataFrame) -> pl.DataFrame:
    """program_id -> sha256 of the program's merge input rows, in their order, and `merge_version()`."""
    def field(c: str) -> pl.Expr:  # length-prefixed, so no text can pass for another split of the row
        value = pl.col(c).cast(pl.String)
        return pl.when(value.is_null()).then(pl.lit("-")).otherwise(
            pl.concat_str(value.str.len_bytes().cast(pl.String), pl.lit(":"), value))

    rows = facts.group_by("program_id", maintain_order=True).agg(
        pl.concat_str([field(c) for c in MERGE_INPUT_COLUMNS], separator="|").str.join("\n").alias("_rows"))
    version = merge_version().encode()
    hashes = [hashlib.sha256(version + b"\n" + text.encode()).hexdigest() for text in rows["_rows"]]
    return rows.select("program_id", pl.Series("input_hash", hashes, dtype=pl.String))


def merged_choices_cached(facts: pl.DataFrame, cache: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`merged_choices` for the programs whose input hash is not in `cache`; the others' choices
    come from it. Returns (choices, the cache for these facts: one row per choice, or one row with
    a null field for a program the merge chose nothing for)."""
    hashes = merge_input_hashes(facts)
    keys = ["program_id", "input_hash"]
    # (a null program_id is a program too, as in merged_choices' grouping)
    reused = (cache.cast(MERGE_CACHE_SCHEMA).join(hashes, on=keys, how="semi", nulls_equal=True)
              if cache is not None and cache.height else pl.DataFrame(schema=MERGE_CACHE_SCHEMA))
    todo = hashes.join(reused.select("program_id").unique(), on="program_id", how="anti", nulls_equal=True)
    fresh = merged_choices(facts.join(todo.select("program_id"), on="program_id", how="semi", nulls_equal=True))
    fresh_cache = todo.join(fresh.drop("selected"), on="program_id", how="left", nulls_equal=True).select(
        *MERGE_CACHE_SCHEMA)
    new_cache = pl.concat([reused, fresh_cache]).sort("program_id", "field", nulls_last=True)
    chosen = pl.concat([
        reused.filter(pl.col("field").is_not_null()).select(CHOICE_COLUMNS).with_columns(pl.lit(True).alias("selected")),
        fresh.select(*CHOICE_COLUMNS, "selected"),
    ])
    return chosen, new_cache


def merged_choices(facts: pl.DataFrame) -> pl.DataFrame:
    """The (program, field, url, evidence, value) rows `eligibility.merge_program` picks per program.

    Pages are ranked by their stored `page_kind` (staging.pages), so the kind the warehouse shows
    is the kind that decided.
    """
    from eligibility import Fact, PageResult, merge_program

    # One pass over plain column lists: grouping by program, then page, in order of first
    # appearance (what `group_by(maintain_order=True)` gives), without a frame per group.
    # The columns read are MERGE_INPUT_COLUMNS, the ones the merge cache hashes (a frame without
    # a stored page_kind gives None: the kind is then guessed from the URL).
    no_kind = "page_kind" not in facts.columns
    cols = [[None] * facts.height if c == "page_kind" and no_kind else facts[c].to_list()
            for c in ("program_id", *MERGE_INPUT_COLUMNS)]
    programs: dict[str, dict[str, tuple[str | None, PageResult]]] = {}
    for program_id, url, field, value, strictness, condition, evidence, stale, chosen, kind in zip(*cols, strict=True):
        pages = programs.setdefault(program_id, {})
        page = pages.get(url)
        if page is None:  # the page's kind is its first row's (None only without a stored kind: guessed from the URL)
            page = pages[url] = (kind, PageResult(url=url))
        result = page[1]
        fact = Fact(field, from_text(field, value), strictness, condition, evidence, stale, url)
        result.facts.append(fact)
        if chosen:
            result.values[field] = fact.value
    picked: list[tuple] = []
    for program_id, pages in programs.items():
        merged = merge_program([(url, kind, result) for url, (kind, result) in pages.items()])
        for field in FIELDS:
            fact = merged.chosen(field)
            if fact is not None:
                picked.append((program_id, field, fact.url, fact.evidence, to_text(fact.value)))
    return pl.DataFrame(picked, schema={c: pl.String for c in CHOICE_COLUMNS}, orient="row").with_columns(
        pl.lit(True).alias("selected"))


def program_facts(directory: pl.DataFrame, website: pl.DataFrame) -> pl.DataFrame:
    """All facts; `selected` marks the one row per (program, field) core.programs uses (website first, by rule group)."""
    group = pl.col("field").replace_strict(RULE_GROUPS, default=pl.col("field"), return_dtype=pl.String).alias("_group")
    stated_on_website = website.filter(pl.col("selected")).select("program_id", group).unique()
    directory = directory.with_columns(group).join(
        stated_on_website.with_columns(pl.lit(True).alias("_web")), on=["program_id", "_group"], how="left")
    directory = directory.with_columns(pl.col("_web").is_null().alias("selected")).drop("_web", "_group")
    return pl.concat([website.select(FACT_COLUMNS), directory.select(FACT_COLUMNS)], how="vertical_relaxed").sort(
        "program_id", "field", "source", "url"
    )


def programs_table(
    staged: pl.DataFrame,
    facts: pl.DataFrame,
    site_status: pl.DataFrame,
    staged_pages: pl.DataFrame,
    published_at: datetime,
) -> pl.DataFrame:
    """core.programs: directory identity + selected facts + crawl freshness and conflict flags."""
    chosen = facts.filter(pl.col("selected")).pivot(on="field", index="program_id", values="value")
    for f in FIELDS:
        if f not in chosen.columns:
            chosen = chosen.with_columns(pl.lit(None, dtype=pl.String).alias(f))
    # Conflicts: fields where the website's chosen value differs from what the directory says.
    dir_vals = facts.filter(pl.col("source") == "directory").select("program_id", "field", pl.col("value").alias("d"))
    web_vals = facts.filter((pl.col("source") == "website") & pl.col("selected")).select(
        "program_id", "field", pl.col("value").alias("w")
    )
    # A website "no minimum" contradicts every directory minimum it voids (the field has no website value).
    voided = dir_vals.filter(pl.col("field").is_in(_SCORE_NUMBERS)).join(
        web_vals.filter((pl.col("field") == "score_minimum_policy") & (pl.col("w") == "none")).select("program_id"),
        on="program_id", how="semi").select("program_id", "field")
    conflicts = pl.concat([
        dir_vals.join(web_vals, on=["program_id", "field"]).filter(pl.col("d") != pl.col("w")).select("program_id", "field"),
        voided,
    ]).unique().group_by("program_id").agg(pl.col("field").sort().alias("conflicting_fields"))
    freshness = staged_pages.group_by("program_id").agg(
        pl.col("fetched_at").max().alias("website_facts_seen_at"),
        pl.col("site_failed_this_run").any().alias("website_facts_stale"),
    )
    stale_content = facts.filter(pl.col("source") == "website").group_by("program_id").agg(
        pl.col("stale").any().alias("stale_content")
    )
    out = (
        # the directory's own score/YOG columns are superseded by the reconciled facts
        staged.drop([f for f in FIELDS if f in staged.columns])
        .join(chosen.select("program_id", *FIELDS), on="program_id", how="left")
        .join(site_status, on="program_id", how="left")
        .join(freshness, on="program_id", how="left")
        .join(stale_content, on="program_id", how="left")
        .join(conflicts, on="program_id", how="left")
    )
    out = typed_columns(out).with_columns(
        pl.col("website_facts_stale").fill_null(False),
        pl.col("stale_content").fill_null(False),
        pl.col("conflicting_fields").fill_null([]),
        pl.lit(published_at).cast(pl.Datetime("us", "UTC")).alias("updated_at"),
    )
    return out.select(
        "program_id", "name", "specialty_code", "specialty", "institution", "city", "state", "setting",
        "first_year_positions", "pct_img", "pct_do", "pct_usmd", "website", *FIELDS, "basic_listing",
        "survey_year", "website_status", "website_facts_seen_at", "website_facts_stale", "stale_content",
        "conflicting_fields", "updated_at",
    ).sort("program_id")


def no_minimum_beside_a_minimum(programs: pl.DataFrame) -> pl.DataFrame:
    """Rows of core.programs that say "no minimum score" and still carry a numeric minimum (must be none)."""
    return programs.filter(
        (pl.col("score_minimum_policy") == "none") & pl.any_horizontal([pl.col(f).is_not_null() for f in _SCORE_NUMBERS])
    ).select("program_id", "score_minimum_policy", *_SCORE_NUMBERS)


def fact_changes(previous: pl.DataFrame | None, current: pl.DataFrame, changed_at: datetime, run_id: str) -> pl.DataFrame:
    """Rows for history.program_fact_changes: every field whose published value changed."""
    schema = {"program_id": pl.String, "field": pl.String, "old_value": pl.String, "new_value": pl.String,
              "changed_at": pl.Datetime("us", "UTC"), "run_id": pl.String}
    if previous is None or previous.height == 0:
        return pl.DataFrame(schema=schema)

    def long(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return frame.select("program_id", *[pl.col(f).cast(pl.String) for f in FIELDS]).unpivot(
            index="program_id", variable_name="field", value_name=name
        )

    joined = long(previous, "old_value").join(long(current, "new_value"), on=["program_id", "field"], how="full", coalesce=True)
    changed = joined.filter(pl.col("old_value").ne_missing(pl.col("new_value")))
    return changed.select(
        "program_id", "field", "old_value", "new_value",
        pl.lit(changed_at).cast(pl.Datetime("us", "UTC")).alias("changed_at"),
        pl.lit(run_id).alias("run_id"),
    )
