#!/usr/bin/env python3
"""Brings tests/conformance/known_differences.md up to date with a conformance run.

    PARTSMITH_CONFORMANCE_DUMP=/tmp/conf.tsv build/tests/test_conformance
    python3 tests/conformance/update_known_differences.py /tmp/conf.tsv

Rows whose assertion now passes (or no longer exists) are dropped; rows that still fail keep
their hand-written reason. A new failure caused by a missing method gets the reason
"not implemented yet: <Class>.<method>"; any other new failure is printed and the script
exits with status 1, because its reason must be written by a person (a bug to report, or a
deliberate difference to document), never guessed.
"""
import json
import re
import sys
from pathlib import Path

TABLE = Path(__file__).with_name("known_differences.md")
HEADER = "| label | CadQuery expectation | what Partsmith does | why |\n|---|---|---|---|\n"


def split_row(line):
    """The cells of a table row, honouring "\\|" escapes."""
    cells, cur, i = [], "", 1
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line) and line[i + 1] == "|":
            cur += "\\|"
            i += 2
            continue
        if line[i] == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += line[i]
        i += 1
    return cells


def label_of(cell):
    return cell.strip("`").replace("\\|", "|")


def missing_feature(error):
    patterns = [
        (r"(\w+) has no method '(\w+)'", "not implemented yet: {0}.{1}"),
        (r"([\w.]+)\(\) is not supported by Partsmith yet", "not implemented yet: {0}()"),
        (r"cq\.selectors has no member '(\w+)'", "not implemented yet: cq.selectors.{0}"),
    ]
    for pattern, text in patterns:
        m = re.search(pattern, error or "")
        if m:
            return text.format(*m.groups())
    return None


def cell(value):
    s = value if isinstance(value, str) else json.dumps(value)
    s = s.replace("|", "\\|")
    return s if len(s) < 90 else s[:87] + "..."


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    text = TABLE.read_text()
    intro = text.split("| label |")[0]
    reasons = {}
    for line in text.splitlines():
        if line.startswith("| `"):
            cells = split_row(line)
            reasons[label_of(cells[0])] = cells[3]

    rows, unexplained = [], []
    for line in Path(sys.argv[1]).read_text().splitlines():
        name, payload = line.split("\t", 1)
        r = json.loads(payload)
        if r["ok"]:
            continue
        label, error = r["label"], r.get("error")
        why = reasons.get(label) or missing_feature(error)
        if not why:
            unexplained.append(f"{name}: {label}: {error or r['actual']}")
            continue
        did = "error: " + error if error else "gives " + cell(r["actual"])
        rows.append(f"| `{label.replace('|', chr(92) + '|')}` | {cell(r['expected'])} | {cell(did)} | {why} |\n")

    TABLE.write_text(intro + HEADER + "".join(rows))
    print(f"{len(rows)} known differences written to {TABLE}")
    if unexplained:
        print("failures that need a reason (add a row by hand):", *unexplained, sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
