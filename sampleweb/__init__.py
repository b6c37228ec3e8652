"""sampleweb: a national-scale, deterministic replica of the residency-program web, with truth.

`python -m sampleweb` (= `gme sample-web`) serves, from one loopback port, a FREIDA-shaped
directory API (`/api/node/program`, docs/INTERFACES.md §1) and one website per program on its
own `.test` host name (told apart by the Host header). `--truth-out FILE` writes what every
program's directory entry and website state, and where. `sampleweb.server.running_sample_web`
runs it in a child process for tests and the pipeline.

Modules: world (programs, hosts, order, epochs), facts (directory survey + website truth),
faults (per-program fault plan), styles / filler / site (pages and their HTML), pdf (minimal
PDF writer), directory (JSON:API documents), server (aiohttp + running_sample_web),
build_seed (one-off: ../shared/data -> data/programs.csv.gz). Eligibility prose comes from
`sampleweb.text`.

Truth records carry, beyond CONTRACT.md's keys: `markers` (["directory_disagrees"] when the
website contradicts the directory) and `disagreements` ({field: {"directory", "website"}}),
`basic_listing`, `survey_year`, `style`, `version` (the epoch the program last changed),
`last_modified`, `home_url`, `pdf_url`, `robots_disallow`, `fault_paths` (fault -> path), and
`directory.visa_statuses` (the list as served). `directory.website` is null for programs the
directory lists without a website (their site is still served at `home_url`).
"""
