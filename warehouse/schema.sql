-- gme-atlas warehouse schema: the published tables analysts and front ends read.
-- raw.* and staging.* are created from their frames at publish time (see warehouse/tables.py);
-- core.*, marts.* and history.* are declared here so their types and comments are the contract.

CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS marts;
CREATE SCHEMA IF NOT EXISTS history;
CREATE SCHEMA IF NOT EXISTS meta;
-- DuckDB 2.0 has no schema comments; the README describes each schema.


CREATE TABLE core.programs (
    program_id VARCHAR PRIMARY KEY,
    name VARCHAR,
    specialty_code VARCHAR,
    specialty VARCHAR,
    institution VARCHAR,
    city VARCHAR,
    state VARCHAR,
    setting VARCHAR,
    first_year_positions INTEGER,
    pct_img DOUBLE,
    pct_do DOUBLE,
    pct_usmd DOUBLE,
    website VARCHAR,
    accepts_imgs BOOLEAN,
    j1_visa VARCHAR,
    h1b_visa VARCHAR,
    min_step2ck INTEGER,
    min_step1 INTEGER,
    min_comlex2 INTEGER,
    score_minimum_policy VARCHAR,
    attempts_policy VARCHAR,
    yog_max_years INTEGER,
    usce VARCHAR,
    ecfmg_cert_required VARCHAR,
    holistic_review BOOLEAN,
    comlex_accepted BOOLEAN,
    basic_listing BOOLEAN,
    survey_year INTEGER,
    website_status VARCHAR,
    website_facts_seen_at TIMESTAMP,
    website_facts_stale BOOLEAN,
    stale_content BOOLEAN,
    conflicting_fields VARCHAR[],
    updated_at TIMESTAMP
);

COMMENT ON TABLE core.programs IS 'One row per residency program: directory identity and trainee mix, plus the thirteen eligibility fields reconciled from directory and website (website wins where it states a field; see core.program_facts for every source).';
COMMENT ON COLUMN core.programs.program_id IS '10-digit ACGME program number (text; first three digits are the specialty code).';
COMMENT ON COLUMN core.programs.name IS 'Program name as listed in the directory.';
COMMENT ON COLUMN core.programs.specialty_code IS 'ACGME 3-digit specialty code (text, leading zeros kept).';
COMMENT ON COLUMN core.programs.specialty IS 'Specialty name.';
COMMENT ON COLUMN core.programs.institution IS 'Sponsoring or primary institution.';
COMMENT ON COLUMN core.programs.city IS 'City of the program.';
COMMENT ON COLUMN core.programs.state IS 'Two-letter US state or territory code.';
COMMENT ON COLUMN core.programs.setting IS 'Program setting as the directory describes it: University-based, Community-based, Community-based university affiliated, Military-based, Other; NULL if not given.';
COMMENT ON COLUMN core.programs.first_year_positions IS 'First-year (PGY-1) positions per the directory survey; NULL if not given (sentinel removed).';
COMMENT ON COLUMN core.programs.pct_img IS 'Share of residents who are international medical graduates, 0-100 (directory 3-year average); NULL if not given.';
COMMENT ON COLUMN core.programs.pct_do IS 'Share of residents who are DOs, 0-100; NULL if not given.';
COMMENT ON COLUMN core.programs.pct_usmd IS 'Share of residents who are US MDs, 0-100; NULL if not given.';
COMMENT ON COLUMN core.programs.website IS 'Program website URL from the directory.';
COMMENT ON COLUMN core.programs.accepts_imgs IS 'TRUE/FALSE if the program says it considers (or does not consider) IMGs; NULL = not stated.';
COMMENT ON COLUMN core.programs.j1_visa IS 'ECFMG J-1: yes / no / NULL (not stated). An empty directory visa list is NULL, not no.';
COMMENT ON COLUMN core.programs.h1b_visa IS 'H-1B sponsorship: yes / no / conditional (e.g. only with Step 3 passed by a date, only transfers) / NULL.';
COMMENT ON COLUMN core.programs.min_step2ck IS 'Hard USMLE Step 2 CK minimum; NULL when none is stated (a preference is not a minimum).';
COMMENT ON COLUMN core.programs.min_step1 IS 'Hard numeric USMLE Step 1 minimum (legacy: Step 1 is pass/fail since 2022); NULL when none stated.';
COMMENT ON COLUMN core.programs.min_comlex2 IS 'Hard COMLEX Level 2-CE minimum; NULL when none stated.';
COMMENT ON COLUMN core.programs.score_minimum_policy IS 'stated (a hard minimum, numeric or named) / none (the program says it has no cutoff) / NULL.';
COMMENT ON COLUMN core.programs.attempts_policy IS 'first_attempt_only / max_attempts_N / no_limit / NULL: hard rule on exam attempts.';
COMMENT ON COLUMN core.programs.yog_max_years IS 'Must have graduated within N years; 0 = the program says there is no limit; NULL = not stated.';
COMMENT ON COLUMN core.programs.usce IS 'US clinical experience: required / preferred / not_required / NULL.';
COMMENT ON COLUMN core.programs.ecfmg_cert_required IS 'When ECFMG certification must be held: by_application / by_rank / by_start / required_unspecified / NULL.';
COMMENT ON COLUMN core.programs.holistic_review IS 'TRUE when the program says it reviews applications as a whole; NULL otherwise (never FALSE).';
COMMENT ON COLUMN core.programs.comlex_accepted IS 'TRUE if COMLEX can stand in for USMLE, FALSE if USMLE is required of DOs too, NULL if not stated.';
COMMENT ON COLUMN core.programs.basic_listing IS 'TRUE when the directory has only a basic listing (most survey fields missing).';
COMMENT ON COLUMN core.programs.survey_year IS 'Year of the directory survey the directory facts come from (each program has its own age).';
COMMENT ON COLUMN core.programs.website_status IS 'Outcome of the last website crawl for the program: ok, not_modified, failed:<reason>, or no_website.';
COMMENT ON COLUMN core.programs.website_facts_seen_at IS 'When the website facts used here were last fetched successfully.';
COMMENT ON COLUMN core.programs.website_facts_stale IS 'TRUE when this run could not fetch the site and the last good website facts were kept.';
COMMENT ON COLUMN core.programs.stale_content IS 'TRUE when the program pages show signs of age (retired exams such as Step 2 CS, old deadlines).';
COMMENT ON COLUMN core.programs.conflicting_fields IS 'Fields on which the directory and the website disagree (both values are in core.program_facts).';
COMMENT ON COLUMN core.programs.updated_at IS 'When this row was published (UTC).';

CREATE TABLE core.program_facts (
    program_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR,
    strictness VARCHAR,
    condition VARCHAR,
    source VARCHAR NOT NULL,
    url VARCHAR,
    evidence VARCHAR,
    stale BOOLEAN,
    selected BOOLEAN,
    seen_at TIMESTAMP
);

COMMENT ON TABLE core.program_facts IS 'Every eligibility fact with its source, page and evidence: one row per program, field and source page. Conflicts between sources are visible here; selected marks the value core.programs uses.';
COMMENT ON COLUMN core.program_facts.program_id IS '10-digit ACGME program number.';
COMMENT ON COLUMN core.program_facts.field IS 'One of the thirteen eligibility fields (same names as core.programs).';
COMMENT ON COLUMN core.program_facts.value IS 'The value as text (true/false, yes/no/conditional, integers, policy names).';
COMMENT ON COLUMN core.program_facts.strictness IS 'hard (must, minimum, required) or preferred (prefer, recommended, competitive).';
COMMENT ON COLUMN core.program_facts.condition IS 'Condition attached to the fact, e.g. Step 3 passed before ranking, transfers only; NULL if none.';
COMMENT ON COLUMN core.program_facts.source IS 'directory (FREIDA-style survey) or website (the program''s own pages).';
COMMENT ON COLUMN core.program_facts.url IS 'URL of the directory API page or the program web page the fact came from.';
COMMENT ON COLUMN core.program_facts.evidence IS 'Exact text supporting the fact (the page words, or the directory field and its value).';
COMMENT ON COLUMN core.program_facts.stale IS 'TRUE when the evidence refers to retired exams or past deadlines.';
COMMENT ON COLUMN core.program_facts.selected IS 'TRUE for the row whose value core.programs uses for this program and field.';
COMMENT ON COLUMN core.program_facts.seen_at IS 'When the source was fetched (UTC).';

CREATE TABLE marts.program_indicators (
    program_id VARCHAR PRIMARY KEY,
    img_friendliness DOUBLE,
    holistic_review DOUBLE,
    img_share_component DOUBLE,
    visa_component DOUBLE,
    img_policy_component DOUBLE,
    yog_component DOUBLE,
    usce_component DOUBLE,
    attempts_component DOUBLE,
    holistic_statement_component DOUBLE,
    score_screen_component DOUBLE,
    coverage DOUBLE,
    explanation VARCHAR
);

COMMENT ON TABLE marts.program_indicators IS 'Explainable 0-100 indicators per program: IMG-friendliness and holistic review, each the weighted mean of its known components (unknown components are left out and lower coverage). Formula: pipelines/transforms/indicators.py.';
COMMENT ON COLUMN marts.program_indicators.program_id IS '10-digit ACGME program number.';
COMMENT ON COLUMN marts.program_indicators.img_friendliness IS '0-100: weighted mean of img_share, visa, img_policy, yog, usce and attempts components over those known; NULL when none is known.';
COMMENT ON COLUMN marts.program_indicators.holistic_review IS '0-100: weighted mean of holistic_statement, score_screen and attempts components over those known; NULL when none is known.';
COMMENT ON COLUMN marts.program_indicators.img_share_component IS '0-1: share of IMG residents, saturating at 50% (pct_img / 50, capped at 1).';
COMMENT ON COLUMN marts.program_indicators.visa_component IS '0-1: 1 if H-1B yes, 0.8 if J-1 yes and H-1B conditional, 0.7 if J-1 yes only, 0.4 if H-1B conditional only, 0 if no visa is sponsored.';
COMMENT ON COLUMN marts.program_indicators.img_policy_component IS '0-1: 1 if the program says it considers IMGs, 0 if it says it does not.';
COMMENT ON COLUMN marts.program_indicators.yog_component IS '0-1: 1 if no graduation-year limit, else min(years, 10) / 10.';
COMMENT ON COLUMN marts.program_indicators.usce_component IS '0-1: not_required 1, preferred 0.6, required 0.2.';
COMMENT ON COLUMN marts.program_indicators.attempts_component IS '0-1: no_limit 1, max_attempts_N 0.5, first_attempt_only 0.';
COMMENT ON COLUMN marts.program_indicators.holistic_statement_component IS '0-1: 1 when the program states holistic review; unknown otherwise (absence of a statement is not evidence).';
COMMENT ON COLUMN marts.program_indicators.score_screen_component IS '0-1: 1 if the program says it has no score minimum, 0 if a hard minimum is stated.';
COMMENT ON COLUMN marts.program_indicators.coverage IS '0-1: share of all indicator inputs (by weight) that were known for this program.';
COMMENT ON COLUMN marts.program_indicators.explanation IS 'Human-readable account of the components that produced the scores.';

CREATE TABLE marts.recommendations (
    applicant_id VARCHAR NOT NULL,
    program_id VARCHAR NOT NULL,
    rank INTEGER NOT NULL,
    tier VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    reasons VARCHAR,
    specialty_code VARCHAR,
    role VARCHAR,
    match_probability DOUBLE,
    p_interview DOUBLE
);

COMMENT ON TABLE marts.recommendations IS 'Ranked program lists for the example applicant profiles in examples/ (gme recommend computes the same for any profile).';
COMMENT ON COLUMN marts.recommendations.applicant_id IS 'applicant_id of the profile (examples/<name>.yaml).';
COMMENT ON COLUMN marts.recommendations.program_id IS '10-digit ACGME program number.';
COMMENT ON COLUMN marts.recommendations.rank IS '1 = best fit for this applicant.';
COMMENT ON COLUMN marts.recommendations.tier IS 'reach / target / safety: bands of match_probability (pipelines/data/calibration.yaml tiers: safety >= 0.12, target >= 0.04, reach below), from the match model, not the fit score.';
COMMENT ON COLUMN marts.recommendations.score IS '0-100 fit score the rank is ordered by.';
COMMENT ON COLUMN marts.recommendations.reasons IS 'Why the program is listed and what to check, separated by semicolons.';
COMMENT ON COLUMN marts.recommendations.specialty_code IS 'ACGME specialty code of the section the row belongs to (each specialty and role is ranked on its own).';
COMMENT ON COLUMN marts.recommendations.role IS 'primary (the profile''s specialties) or backup (its backup_specialties): a backup section is never mixed into the primary ranking.';
COMMENT ON COLUMN marts.recommendations.match_probability IS '0-1: the estimated chance of matching at this program if the applicant applies (p_interview x the chance one interview becomes a match; pipelines/transforms/match_model.py, constants and sources in pipelines/data/calibration.yaml).';
COMMENT ON COLUMN marts.recommendations.p_interview IS '0-1: the estimated chance of an interview at this program (the match model''s first step).';

CREATE TABLE marts.recommendation_verdicts (
    applicant_id VARCHAR NOT NULL,
    program_id VARCHAR NOT NULL,
    specialty_code VARCHAR,
    role VARCHAR,
    rule VARCHAR NOT NULL,
    verdict VARCHAR NOT NULL,
    program_value VARCHAR,
    applicant_value VARCHAR,
    condition VARCHAR,
    source VARCHAR,
    url VARCHAR,
    evidence VARCHAR,
    seen_at TIMESTAMP
);

COMMENT ON TABLE marts.recommendation_verdicts IS 'One row per applicant, recommended program and eligibility rule: how the applicant meets what the program states, with the evidence (pipelines/transforms/verdicts.py). A program with a fail verdict is never recommended.';
COMMENT ON COLUMN marts.recommendation_verdicts.applicant_id IS 'applicant_id of the profile.';
COMMENT ON COLUMN marts.recommendation_verdicts.program_id IS '10-digit ACGME program number.';
COMMENT ON COLUMN marts.recommendation_verdicts.specialty_code IS 'ACGME specialty code of the program (its section in marts.recommendations).';
COMMENT ON COLUMN marts.recommendation_verdicts.role IS 'primary / backup: the role of that specialty in the profile.';
COMMENT ON COLUMN marts.recommendation_verdicts.rule IS 'min_score, visa, graduation, attempts, usce, ecfmg, comlex or imgs.';
COMMENT ON COLUMN marts.recommendation_verdicts.verdict IS 'pass / fail (rules the applicant out) / at_limit (exactly at a stated limit) / conditional (met only under a stated condition) / unknown (the program states nothing usable: verify before applying).';
COMMENT ON COLUMN marts.recommendation_verdicts.program_value IS 'What the program states for the rule, in words (e.g. Step 2 CK minimum 220, H-1B: conditional); NULL when nothing is stated.';
COMMENT ON COLUMN marts.recommendation_verdicts.applicant_value IS 'What the profile gives for the rule (e.g. Step 2 CK 228, 5 whole years to the application).';
COMMENT ON COLUMN marts.recommendation_verdicts.condition IS 'The condition or note: H-1B condition kind and date (step3_by_date / transfer_only / us_graduates_only / other), the graduation anchor, a preferred score (prefers 240+; you: 228).';
COMMENT ON COLUMN marts.recommendation_verdicts.source IS 'directory or website: source of the selected core.program_facts row the verdict rests on; NULL when none.';
COMMENT ON COLUMN marts.recommendation_verdicts.url IS 'URL of that fact (directory API page or program web page).';
COMMENT ON COLUMN marts.recommendation_verdicts.evidence IS 'The quote of that fact (page words, or directory field and value).';
COMMENT ON COLUMN marts.recommendation_verdicts.seen_at IS 'When that source was fetched (UTC).';

CREATE TABLE marts.application_plans (
    applicant_id VARCHAR NOT NULL,
    specialty_code VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    applicant_type VARCHAR,
    eligible_programs INTEGER,
    fully_stated_programs INTEGER,
    suggested_applications INTEGER,
    p_match_if_followed DOUBLE,
    p_match_at_max DOUBLE,
    max_applications INTEGER,
    target DOUBLE,
    warning VARCHAR,
    inputs VARCHAR,
    program_ids VARCHAR[]
);

COMMENT ON TABLE marts.application_plans IS 'One application plan per applicant, specialty and role: how many programs to apply to for the target chance (or where more applications stop helping) within max_applications, the chance if followed, a long-shot warning naming the backup''s plan, and the diversified list (pipelines/transforms/plans.py).';
COMMENT ON COLUMN marts.application_plans.applicant_id IS 'applicant_id of the profile.';
COMMENT ON COLUMN marts.application_plans.specialty_code IS 'ACGME specialty code the plan is for.';
COMMENT ON COLUMN marts.application_plans.role IS 'primary or backup: the role of the specialty in the profile.';
COMMENT ON COLUMN marts.application_plans.applicant_type IS 'us_md / us_do / us_img / non_us_img: the match model''s applicant type (an IMG needing no visa counts as a US IMG).';
COMMENT ON COLUMN marts.application_plans.eligible_programs IS 'Programs of the specialty with no fail verdict for this applicant.';
COMMENT ON COLUMN marts.application_plans.fully_stated_programs IS 'Eligible programs with no unknown verdict (every rule checked is stated).';
COMMENT ON COLUMN marts.application_plans.suggested_applications IS 'How many programs of the list to apply to: the first n whose chance reaches target, else the last n where one more application still added 0.2 points.';
COMMENT ON COLUMN marts.application_plans.p_match_if_followed IS '0-1: the estimated chance of matching in this specialty when applying to the suggested list (correlated applications shrunk, shrinkage_rho).';
COMMENT ON COLUMN marts.application_plans.p_match_at_max IS '0-1: the chance with every program of the list up to max_applications.';
COMMENT ON COLUMN marts.application_plans.max_applications IS 'The budget the plan respects (the profile''s max_applications, default 80).';
COMMENT ON COLUMN marts.application_plans.target IS 'The target chance the plan sizes for (0.90).';
COMMENT ON COLUMN marts.application_plans.warning IS 'Set when a primary specialty is a long shot (under 50% even with the plan), with the backup plan''s size and chance; NULL otherwise.';
COMMENT ON COLUMN marts.application_plans.inputs IS 'The model inputs used: applicant type, Step 2 CK (or its COMLEX equivalent), failed attempts, visa, budget, shrinkage.';
COMMENT ON COLUMN marts.application_plans.program_ids IS 'The suggested list in order (program_id): at most 3 per institution, no state above 40% unless asked, preferred regions and settings covered, a share of reach programs.';

CREATE TABLE history.program_fact_changes (
    program_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    old_value VARCHAR,
    new_value VARCHAR,
    changed_at TIMESTAMP NOT NULL,
    run_id VARCHAR,
    source VARCHAR,
    url VARCHAR,
    evidence VARCHAR,
    old_source VARCHAR,
    old_url VARCHAR,
    old_evidence VARCHAR
);

COMMENT ON TABLE history.program_fact_changes IS 'Append-only log of changes to core.programs eligibility fields between refreshes.';
COMMENT ON COLUMN history.program_fact_changes.program_id IS '10-digit ACGME program number.';
COMMENT ON COLUMN history.program_fact_changes.field IS 'Eligibility field that changed.';
COMMENT ON COLUMN history.program_fact_changes.old_value IS 'Value before the refresh (NULL = not stated or new program).';
COMMENT ON COLUMN history.program_fact_changes.new_value IS 'Value after the refresh (NULL = no longer stated).';
COMMENT ON COLUMN history.program_fact_changes.changed_at IS 'When the refresh that saw the change was published (UTC).';
COMMENT ON COLUMN history.program_fact_changes.run_id IS 'Dagster run id of that refresh.';
COMMENT ON COLUMN history.program_fact_changes.source IS 'Source of the new value (directory or website); NULL when the field is no longer stated.';
COMMENT ON COLUMN history.program_fact_changes.url IS 'Page (or directory API page) the new value was read from.';
COMMENT ON COLUMN history.program_fact_changes.evidence IS 'Quote supporting the new value.';
COMMENT ON COLUMN history.program_fact_changes.old_source IS 'Source of the old value; NULL when the field was not stated before (or on rows written before quotes were kept).';
COMMENT ON COLUMN history.program_fact_changes.old_url IS 'Page the old value was read from.';
COMMENT ON COLUMN history.program_fact_changes.old_evidence IS 'Quote that supported the old value.';

CREATE TABLE history.page_changes (
    program_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    change VARCHAR NOT NULL,
    hash_before VARCHAR,
    hash_after VARCHAR,
    cause VARCHAR,
    seen_at TIMESTAMP,
    run_id VARCHAR
);

COMMENT ON TABLE history.page_changes IS 'Append-only log of program web pages that appeared, changed, went away or came back between refreshes (warehouse/history.py). The first refresh on a data folder is the baseline and records none.';
COMMENT ON COLUMN history.page_changes.program_id IS '10-digit ACGME program number.';
COMMENT ON COLUMN history.page_changes.url IS 'Page address after redirects (its identity in staging.pages).';
COMMENT ON COLUMN history.page_changes.change IS 'new (never seen for this program), changed (content hash differs), gone (was available, is not), back (was gone, is available again).';
COMMENT ON COLUMN history.page_changes.hash_before IS 'sha256 of the content last seen before this refresh; NULL for a new page.';
COMMENT ON COLUMN history.page_changes.hash_after IS 'sha256 of the content seen now; NULL for a gone page.';
COMMENT ON COLUMN history.page_changes.cause IS 'For gone: site_down (no page of the site could be fetched; its last good copy is kept), removed (404/410 or no longer linked), program_removed (left the directory). For back: site_up or restored. NULL otherwise.';
COMMENT ON COLUMN history.page_changes.seen_at IS 'When the new content was fetched (UTC); for gone, when the refresh that noticed was published.';
COMMENT ON COLUMN history.page_changes.run_id IS 'Dagster run id of the refresh that saw the change.';

CREATE TABLE history.program_changes (
    program_id VARCHAR NOT NULL,
    change VARCHAR NOT NULL,
    name VARCHAR,
    specialty_code VARCHAR,
    changed_at TIMESTAMP NOT NULL,
    run_id VARCHAR
);

COMMENT ON TABLE history.program_changes IS 'Append-only log of programs that entered (new) or left (removed) the directory between refreshes.';
COMMENT ON COLUMN history.program_changes.program_id IS '10-digit ACGME program number.';
COMMENT ON COLUMN history.program_changes.change IS 'new or removed.';
COMMENT ON COLUMN history.program_changes.name IS 'Program name as the directory listed it.';
COMMENT ON COLUMN history.program_changes.specialty_code IS 'ACGME 3-digit specialty code.';
COMMENT ON COLUMN history.program_changes.changed_at IS 'When the refresh that saw it was published (UTC).';
COMMENT ON COLUMN history.program_changes.run_id IS 'Dagster run id of that refresh.';

CREATE TABLE meta.refreshes (
    run_id VARCHAR,
    published_at TIMESTAMP,
    source VARCHAR,
    programs BIGINT,
    pages BIGINT,
    checks_passed BIGINT,
    suites_run BIGINT,
    suites_passed BIGINT,
    expectations_run BIGINT,
    expectations_passed BIGINT,
    data_docs VARCHAR
);

COMMENT ON TABLE meta.refreshes IS 'One row per published refresh (the newest last).';
COMMENT ON COLUMN meta.refreshes.run_id IS 'Dagster run id.';
COMMENT ON COLUMN meta.refreshes.published_at IS 'When the warehouse was swapped in (UTC).';
COMMENT ON COLUMN meta.refreshes.source IS 'sample (local replica web) or live.';
COMMENT ON COLUMN meta.refreshes.programs IS 'Programs in core.programs.';
COMMENT ON COLUMN meta.refreshes.pages IS 'Website pages fetched (or revalidated) in the run.';
COMMENT ON COLUMN meta.refreshes.checks_passed IS 'Great Expectations suites that passed before publishing.';
COMMENT ON COLUMN meta.refreshes.suites_run IS 'Great Expectations suites the run validated (from its stored validation results; expectations/datadocs.py).';
COMMENT ON COLUMN meta.refreshes.suites_passed IS 'Of those, the suites that passed (all of them, or the run would not have published).';
COMMENT ON COLUMN meta.refreshes.expectations_run IS 'Expectations evaluated across those suites.';
COMMENT ON COLUMN meta.refreshes.expectations_passed IS 'Expectations that passed.';
COMMENT ON COLUMN meta.refreshes.data_docs IS 'Path of the run''s Great Expectations Data Docs index (static HTML; the last few runs are kept).';
