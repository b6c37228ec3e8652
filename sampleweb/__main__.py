"""`python -m sampleweb` / `gme sample-web`: serve the local replica of the program web."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from sampleweb.faults import ALL_FAULTS
from sampleweb.world import FAULT_PROFILES, build_world


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line on bad input, as every gme command
        self.exit(2, f"gme sample-web: {message}\n")


def parser() -> argparse.ArgumentParser:
    ap = _Parser(
        prog="gme sample-web",
        description="Serve the directory API and every program website from one loopback port.")
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = a free port)")
    ap.add_argument("--programs", type=int, default=None,
                    help="serve only the first N programs (default: all, about 5,100)")
    ap.add_argument("--epoch", type=int, default=1,
                    help="epoch (each new epoch changes about 5%% of programs)")
    ap.add_argument("--faults", choices=FAULT_PROFILES, default="none",
                    help=f"fault profile; faults: {', '.join(ALL_FAULTS)}")
    ap.add_argument("--truth-out", metavar="FILE", help="write one JSON truth record per program")
    ap.add_argument("--access-log", metavar="FILE", help="append one JSON line per request")
    ap.add_argument("--seed", type=int, default=0, help="world seed (default 0)")
    ap.add_argument("--ready-file", metavar="F", help="write the URL here once listening")
    ap.add_argument("--no-serve", action="store_true",
                    help="write --truth-out and exit without serving")
    ap.add_argument("--long-paragraph", type=int, default=0, metavar="BYTES",
                    help="give the first program's home page one paragraph of BYTES bytes "
                         "(a pathological page for the extractor's budget; default none)")
    ap.add_argument("--parent-pid", type=int, default=None, metavar="PID",
                    help="stop serving when process PID is no longer this one's parent "
                         "(it died, even by kill -9); `gme refresh` and the tests pass their own")
    return ap


def write_truth(world, path: str) -> int:
    """Write the truth file; big worlds are built on every core (same bytes, same order)."""
    from sampleweb.server import truth_lines
    tmp = path + ".tmp"
    n = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in truth_lines(world):
            fh.write(line)
            n += 1
    os.replace(tmp, path)
    return n


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        world = build_world(args.programs, args.epoch, args.faults, args.seed)
    except ValueError as e:
        print(f"gme sample-web: {e}", file=sys.stderr)
        return 2
    if args.long_paragraph < 0:
        print("gme sample-web: --long-paragraph must be 0 or more bytes", file=sys.stderr)
        return 2
    if args.port < 0 or args.port > 65535:
        print("gme sample-web: --port must be between 0 and 65535", file=sys.stderr)
        return 2
    if args.truth_out:
        try:
            n = write_truth(world, args.truth_out)
        except OSError as e:
            print(f"gme sample-web: cannot write truth file: {e}", file=sys.stderr)
            return 2
        print(f"wrote {n} truth records to {args.truth_out}", file=sys.stderr)
    if args.no_serve:
        return 0
    if args.access_log:  # before listening: an unwritable log is bad input, not a busy port
        try:
            with open(args.access_log, "a", encoding="utf-8"):
                pass
        except OSError as e:
            print(f"gme sample-web: cannot write the access log {args.access_log}: {e.strerror or e}",
                  file=sys.stderr)
            return 2
    from sampleweb.server import serve
    try:
        asyncio.run(serve(world, args.port, args.access_log, args.ready_file, parent_pid=args.parent_pid,
                          long_paragraph=args.long_paragraph))
    except OSError as e:
        print(f"gme sample-web: cannot listen on 127.0.0.1:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
