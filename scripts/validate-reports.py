#!/usr/bin/env python3
"""Checks datacheck's JUnit and SARIF reports the way their consumers read them.

    validate-reports.py --junit FILE... --sarif FILE... --schemas DIR

JUnit files are read with junitparser (the parser behind many CI report actions): the XML must
parse, and every suite's `tests`/`failures`/`errors` must match its testcases. When xmlschema is
importable they are also validated against DIR/junit.xsd; otherwise that part is skipped with a
message. SARIF files are validated with jsonschema against DIR/sarif-2.1.0.json, using the draft
the schema declares (draft-04 for SARIF 2.1.0) and every format jsonschema knows (`uri` and
`uri-reference` need rfc3987, which the .sh installs); each result's ruleId and ruleIndex must
name a rule.

Prints one line per file, then `reports: N passed, N failed`. Exit status: 0 when every file is valid, 1 when one is not, 2 on
usage errors (no files, a missing schema). Run through scripts/validate-reports.sh, which
installs pinned versions of the packages into a venv.
"""
import argparse
import json
import sys
from pathlib import Path


def junit_problems(path, xsd):
    """Problems of one JUnit file (empty when valid), and a short description of it."""
    from junitparser import Error, Failure, JUnitXml, TestSuite

    try:
        xml = JUnitXml.fromfile(str(path))
    except Exception as e:  # a parse error, whatever the parser behind junitparser calls it
        return [f"junitparser could not read it: {e}"], ""
    suites = [xml] if isinstance(xml, TestSuite) else list(xml)
    problems, cases, failures = [], 0, 0
    for suite in suites:
        results = [(case, [type(r) for r in case.result]) for case in suite]
        counted = {
            "tests": len(results),
            "failures": sum(kinds.count(Failure) for _, kinds in results),
            "errors": sum(kinds.count(Error) for _, kinds in results),
        }
        for name, count in counted.items():
            declared = suite._elem.get(name)
            if declared is None or int(declared) != count:
                problems.append(f"suite {suite.name!r}: {name}={declared!r}, but it holds {count}")
        problems += [f"suite {suite.name!r}: a testcase without a name" for case, _ in results if not case.name]
        cases += counted["tests"]
        failures += counted["failures"]
    summary = f"{len(suites)} suite(s), {cases} testcase(s), {failures} failure(s)"
    if xsd is not None:
        problems += [f"junit.xsd: {e.reason} at {e.path}" for e in xsd.iter_errors(str(path))]
    return problems, summary


def sarif_problems(path, validator):
    """Problems of one SARIF file (empty when valid), and a short description of it."""
    try:
        log = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"not JSON: {e}"], ""
    problems = []
    for e in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        problems.append(f"schema: {where}: {e.message}")
    runs = (log.get("runs") if isinstance(log, dict) else None) or []
    results = 0
    for run in runs:
        if problems:  # the schema's complaints come first; the cross-checks assume its shape
            break
        rules = [r.get("id") for r in run["tool"]["driver"].get("rules", [])]
        for result in run.get("results") or []:
            results += 1
            rule, index = result.get("ruleId"), result.get("ruleIndex")
            if rule not in rules:
                problems.append(f"result ruleId {rule!r} names no rule of the driver")
            if index not in (None, -1) and (index >= len(rules) or rules[index] != rule):
                problems.append(f"result ruleIndex {index} does not point at rule {rule!r}")
    return problems, f"{len(runs)} run(s), {results} result(s)"


def load_xsd(schemas):
    """The JUnit XSD as an xmlschema object, or None (with a message) when xmlschema is missing."""
    try:
        import xmlschema
    except ImportError:
        print("skipped: xmlschema is not installed, so JUnit files are not checked against junit.xsd")
        return None
    return xmlschema.XMLSchema(str(schemas / "junit.xsd"))


def load_sarif_validator(schemas):
    """A jsonschema validator for the SARIF schema, of the draft the schema declares."""
    import jsonschema

    schema = json.loads((schemas / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # Every known format, not only draft-04's: SARIF's artifact URIs are `uri-reference` (draft-06).
    return cls(schema, format_checker=jsonschema.FormatChecker())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--junit", nargs="+", action="extend", default=[], metavar="FILE")
    parser.add_argument("--sarif", nargs="+", action="extend", default=[], metavar="FILE")
    parser.add_argument("--schemas", required=True, type=Path, metavar="DIR")
    args = parser.parse_args()
    if not args.junit and not args.sarif:
        parser.error("no files: give --junit FILE... and/or --sarif FILE...")
    for name in (["junit.xsd"] if args.junit else []) + (["sarif-2.1.0.json"] if args.sarif else []):
        if not (args.schemas / name).is_file():
            parser.error(f"{args.schemas / name} not found")

    checks = []
    if args.junit:
        xsd = load_xsd(args.schemas)
        checks += [("junit", f, lambda f=f: junit_problems(f, xsd)) for f in args.junit]
    if args.sarif:
        validator = load_sarif_validator(args.schemas)
        checks += [("sarif", f, lambda f=f: sarif_problems(f, validator)) for f in args.sarif]

    invalid = 0
    for kind, path, check in checks:
        problems, summary = check() if Path(path).is_file() else (["no such file"], "")
        if problems:
            invalid += 1
            print(f"INVALID {kind} {path}")
            for p in problems:
                print(f"    {p}")
        else:
            print(f"ok      {kind} {path}: {summary}")
    print(f"reports: {len(checks) - invalid} passed, {invalid} failed")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
