#!/usr/bin/env python3
"""Checks a results.json against Gradescope's autograder output format (gradescope/autograder_samples,
docs/specs.md: every field, its type and the visibility values; plus output_format /
test_output_format / status from Gradescope's current documentation) and against what the grader
promises: the score is the sum of the tests', no test above its max_score, unique test numbers.
usage: gradescope_results.py RESULTS.json [--score N] [--output-contains TEXT]"""
import argparse
import json
import sys

import jsonschema

VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
FORMAT = {"enum": ["text", "html", "simple_format", "md", "ansi"]}
TEST = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "score": {"type": "number"},
        "max_score": {"type": "number"},
        "status": {"enum": ["passed", "failed"]},
        "name": {"type": "string"},
        "name_format": FORMAT,
        "number": {"type": "string"},
        "output": {"type": "string"},
        "output_format": FORMAT,
        "tags": {"type": "array", "items": {"type": "string"}},
        "visibility": VISIBILITY,
        "extra_data": {"type": "object"},
    },
    "required": ["score", "max_score", "name", "number", "visibility"],
}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "integer", "minimum": 0},
        "output": {"type": "string"},
        "output_format": FORMAT,
        "test_output_format": FORMAT,
        "test_name_format": FORMAT,
        "visibility": VISIBILITY,
        "stdout_visibility": VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": TEST},
        "leaderboard": {"type": "array"},
    },
    "required": ["score", "execution_time", "output", "output_format", "tests"],
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--score", type=float)
    ap.add_argument("--output-contains")
    args = ap.parse_args()
    with open(args.results, encoding="utf-8") as f:
        r = json.load(f)
    jsonschema.validate(r, SCHEMA)
    problems = []
    total = sum(t["score"] for t in r["tests"])
    if r["tests"] and abs(total - r["score"]) > 1e-9:
        problems.append(f"score {r['score']} is not the sum of the tests' ({total})")
    for t in r["tests"]:
        if t["score"] > t["max_score"]:
            problems.append(f"{t['name']}: score {t['score']} above max_score {t['max_score']}")
    numbers = [t["number"] for t in r["tests"]]
    if len(set(numbers)) != len(numbers):
        problems.append("test numbers repeat")
    if args.score is not None and r["score"] != args.score:
        problems.append(f"score {r['score']}, expected {args.score}")
    if args.output_contains and args.output_contains not in r["output"] + "".join(t.get("output", "") for t in r["tests"]):
        problems.append(f"no {args.output_contains!r} in the output")
    for p in problems:
        print(f"{args.results}: {p}", file=sys.stderr)
    if not problems:
        print(f"{args.results}: valid, score {r['score']}, {len(r['tests'])} tests, {r['execution_time']} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
