#!/usr/bin/env python3
"""make_class.py SRC DEST N EXCLUDE: N submissions made from the sample class SRC, round robin over
its students (those whose name matches the regex EXCLUDE left out), every .cpp ending in a unique
comment so no two compile alike (nothing shared or cached within a fresh cache)."""
import io, os, re, shutil, sys, zipfile
src, dest, n, exclude = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
students = sorted(s for s in os.listdir(src) if not (exclude and re.match(exclude, s)))
os.makedirs(dest)
for i in range(n):
    name = students[i % len(students)]
    mark = f"\n// bench copy {i}\n".encode()
    target = os.path.join(dest, f"b{i:03d}-{name}")
    if name.endswith(".zip"):
        with zipfile.ZipFile(os.path.join(src, name)) as zin, zipfile.ZipFile(target, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item)
                zout.writestr(item, data + mark if item.filename.endswith(".cpp") else data)
        continue
    shutil.copytree(os.path.join(src, name), target)
    for d, _, files in os.walk(target):
        for f in files:
            if f.endswith(".cpp"):
                with open(os.path.join(d, f), "ab") as fh:
                    fh.write(mark)
