#!/usr/bin/env python3
"""Regenerate tests/runtime/data/traces/*.txt from the Python scenarios embedded in the runtime tests.

Each C++ test that is checked against CPython asyncio carries its Python equivalent in a comment:

    // [python NAME]
    // import asyncio
    // ...
    // [end python]

This script extracts every block, runs it under the reference virtual-clock runner (vtime.py, which
prints "[%7.3f] line"), and writes the output to tests/runtime/data/traces/NAME.txt. The tests
only read the committed files; run this again after changing a scenario.

    python3 tools/gen_runtime_traces.py --vtime /work/shared/chapter/vtime.py [--check]
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "runtime"
OUT = TESTS / "data" / "traces"
BEGIN = re.compile(r"^\s*// \[python ([A-Za-z0-9_]+)\]\s*$")
END = re.compile(r"^\s*// \[end python\]\s*$")


def scenarios():
    found = {}
    for source in sorted(TESTS.glob("*.cpp")):
        name, body = None, []
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if name is None:
                m = BEGIN.match(line)
                if m:
                    name, body = m.group(1), []
                continue
            if END.match(line):
                if name in found:
                    sys.exit(f"{source}:{number}: scenario {name} defined twice")
                found[name] = "\n".join(body) + "\n"
                name = None
                continue
            text = line.strip()
            if not text.startswith("//"):
                sys.exit(f"{source}:{number}: scenario {name}: every line must be a // comment")
            body.append(text[3:] if text.startswith("// ") else text[2:])
        if name is not None:
            sys.exit(f"{source}: scenario {name} has no [end python]")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vtime", required=True, help="path to the reference runner vtime.py")
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, code in scenarios().items():
        with tempfile.NamedTemporaryFile("w", suffix=".py", encoding="utf-8") as f:
            f.write(code)
            f.flush()
            run = subprocess.run([sys.executable, args.vtime, f.name], capture_output=True, text=True,
                                 encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        if run.returncode != 0:
            sys.exit(f"scenario {name} failed:\n{run.stderr}")
        if run.stderr:
            print(f"scenario {name} wrote to stderr:\n{run.stderr}", file=sys.stderr)
        target = OUT / f"{name}.txt"
        if not target.exists() or target.read_text(encoding="utf-8") != run.stdout:
            stale.append(name)
            if not args.check:
                target.write_text(run.stdout, encoding="utf-8")
    print(("stale: " if args.check else "updated: ") + (", ".join(stale) or "none"))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
