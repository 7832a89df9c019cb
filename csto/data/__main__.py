"""``python -m csto.data``: check the package and print a summary; ``add-source`` adds a text, ``add-row`` quotes it.

``python -m csto.data codebook`` prints the codebook (``--readme`` rewrites its copy in data/README.md, ``--examples``
first replaces examples that no longer name a row with their value).

``check`` needs only the standard library and Frictionless, so a researcher can verify every quote, date and
text hash without the course's notebooks, charts or browser tools installed.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def check(descriptor: Path | None) -> int:
    from . import package
    from .validation import collect_problems

    problems = [str(p) for p in collect_problems(descriptor)]
    problems += derived_problems(descriptor, problems)
    meta = package.descriptor(descriptor)
    tables = package.table_names(descriptor)
    print(f"{meta.get('title', 'data package')}, version {meta.get('version', '?')}: {len(tables)} tables, "
          f"{len(package.seed_resources(descriptor))} source texts")
    if problems:
        print(f"{len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("valid: schema, keys, text hashes, the provenance rule, and every derived table as `derive` would write it")
    return 0


def derived_problems(descriptor: Path | None, reported: list[str]) -> list[str]:
    """Each derived file that differs from a fresh derivation, at its first differing line and column.

    A difference the validation already named at the same place (a derived date out of step) is not repeated.
    """
    from . import derive

    try:
        found = derive.differences(descriptor)
    except (OSError, KeyError, ValueError) as err:
        if reported:
            return []  # the derivation cannot run on a package that does not validate; those problems come first
        return [f"the derived tables could not be rebuilt to compare them ({type(err).__name__}: {err})"]
    places = {p.split(": ", 1)[0] for p in reported}
    return [str(d) for d in found if str(d).split(": ", 1)[0] not in places]


def summary() -> int:
    from .frames import summary as table

    frame = table()
    print(f"{frame['rows'].sum()} rows, {frame['quoted'].sum()} quoted rows, {frame['context'].sum()} background rows")
    print(frame.to_string())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csto.data", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    checking = commands.add_parser("check", help="validate the package (default); needs only Frictionless")
    checking.add_argument("descriptor", nargs="?", type=Path, help="a datapackage.json (default: the course's)")
    commands.add_parser("summary", help="rows per table and per source (needs pandas)")
    commands.add_parser("derive", help="write the derived columns (earliest/latest) and member_years.csv")
    coding = commands.add_parser("codebook", help="print the codebook (from datapackage.json) as Markdown")
    coding.add_argument("--readme", action="store_true", help="rewrite the generated parts of data/README.md instead")
    coding.add_argument("--examples", action="store_true",
                        help="first replace examples that no longer name a row with their value "
                             "(rewrites datapackage.json)")
    from . import rows, sources  # noqa: PLC0415  (each command's options live with it)

    sources.add_arguments(commands)
    rows.add_arguments(commands)
    args, extra = parser.parse_known_args(argv)
    if args.command == "add-row" and not any(e.startswith("-") for e in extra):
        args.values += extra  # COLUMN=VALUE pairs may come before or after the options
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "summary":
        return summary()
    if args.command == "derive":
        from .derive import derive

        changed = derive()
        print("derived: " + (", ".join(changed) if changed else "nothing changed"))
        return 0
    if args.command == "codebook":
        from . import codebook

        if args.examples:
            print("\n".join(codebook.refresh_examples()) or "examples: all still name a row with their value")
        if args.readme or args.examples:
            print(f"{codebook.readme_path()}: " + ("updated" if codebook.update_readme() else "already up to date"))
        else:
            print(codebook.markdown(), end="")
        return 0
    if args.command == "add-row":
        from .rows import run as add_row

        return add_row(args)
    if args.command == "add-source":
        from .sources import run

        return run(args)
    status = check(getattr(args, "descriptor", None))
    if status == 0 and args.command is None and _has_pandas():
        summary()
    return status


def _has_pandas() -> bool:
    import importlib.util

    return importlib.util.find_spec("pandas") is not None


if __name__ == "__main__":
    raise SystemExit(main())
