"""Command line: ``python -m generator [build|check] [--root DIR]``."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import build, check
from .errors import OwnershipError, SourceError
from .schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate the handbook's Markdown pages in docs/ from the YAML in source_data/.",
    )
    parser.add_argument("command", nargs="?", choices=("build", "check", "schemas"), default="build",
                        help="build (default): validate and write docs/; check: validate only; "
                        "schemas: rewrite generator/schemas/*.json from generator/schema.py")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "schemas":
            written = write_schemas(Path(__file__).parent / "schemas")
            print(f"generator: {written} schema files written to generator/schemas/")
        elif args.command == "check":
            count = check(root)
            print(f"generator: source_data/ is valid ({count} entries)")
        else:
            print(build(root).summary())
        return 0
    except SourceError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        print(f"{count} {noun} in source_data/; nothing was written.", file=sys.stderr)
        return 1
    except OwnershipError as exc:
        print(f"generator: {exc}; nothing was written.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("generator: interrupted; docs/ keeps its previous content.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in the generator, not a mistake in the data
        print(
            "generator: internal error (a bug in the generator, not in your YAML): "
            f"{type(exc).__name__}: {exc}\nPlease report it with the output below.",
            file=sys.stderr,
        )
        traceback.print_exc(limit=-3, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
