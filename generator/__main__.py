"""Command line: ``python -m generator [build|check|schemas|serve] [--root DIR]``.

``serve`` previews the site while you edit: ``python -m generator serve [--engine mkdocs|zensical]
[--addr HOST:PORT]`` (see generator/serve.py); Ctrl-C stops it.

Exit codes: 0 done; 1 the YAML has problems, or docs/ could not be written (every problem is
listed, one ``file:line:column: message`` line each, then a count line; nothing was written);
2 a bug in the generator (the message names what it was working on); 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import build, check
from .errors import InternalError, OwnershipError, SourceError, WriteError
from .schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(_parser().parse_args(argv))
    except SourceError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        print(f"{count} {noun} in source_data/; nothing was written.", file=sys.stderr)
        return 1
    except WriteError as exc:
        print(f"generator: {exc}", file=sys.stderr)
        return 1
    except OwnershipError as exc:
        print(f"generator: {exc}; nothing was written.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "generator: interrupted; docs/ holds a complete set of pages (the previous ones, "
            "or the new ones if they were already in place).",
            file=sys.stderr,
        )
        return 130
    except Exception as exc:  # a bug in the generator, not a mistake in the data
        _report_bug(exc)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate the handbook's Markdown pages in docs/ from source_data/*.yaml.",
    )
    parser.add_argument(
        "command",
        nargs="?",
        choices=("build", "check", "schemas", "serve"),
        default="build",
        help="build (default): validate, then write docs/ only if everything is valid; "
        "check: validate only, write nothing; "
        "schemas: rewrite generator/schemas/*.json from generator/schema.py; "
        "serve: preview the site, regenerating it on every save (Ctrl-C stops)",
    )
    parser.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="serve only: the site builder (default: mkdocs)",
    )
    parser.add_argument(
        "--addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="serve only: where to serve the preview (default: 127.0.0.1:8000)",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    return parser


def _run(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if args.command == "serve":
        from .serve import serve

        return serve(root, args.engine, args.addr)
    if args.command == "schemas":
        written = write_schemas(Path(__file__).parent / "schemas")
        print(f"generator: {written} schema files written to generator/schemas/")
    elif args.command == "check":
        count = check(root)
        print(f"generator: source_data/ is valid ({count} entries)")
    else:
        report = build(root)
        for warning in report.warnings():
            print(warning, file=sys.stderr)
        print(report.summary())
    return 0


def _report_bug(exc: Exception) -> None:
    cause = exc.cause if isinstance(exc, InternalError) else exc
    where = f" {exc.where}" if isinstance(exc, InternalError) else ""
    print(
        f"generator: internal error{where}: {type(cause).__name__}: {cause}\n"
        "This is a bug in the generator, not a mistake in your YAML. "
        "Please report it with these lines:",
        file=sys.stderr,
    )
    frames = traceback.extract_tb(cause.__traceback__)
    ours = [f for f in frames[:-1] if "generator" in Path(f.filename).parts]
    for frame in [*ours[-5:], *frames[-1:]]:
        print(f"  at {_short(frame.filename)}:{frame.lineno} in {frame.name}", file=sys.stderr)


def _short(filename: str) -> str:
    path = Path(filename)
    parts = path.parts
    if "generator" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("generator") :])
    return path.name


if __name__ == "__main__":
    sys.exit(main())
