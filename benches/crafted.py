#!/usr/bin/env python3
"""Writes a crafted package of one kind and size into a folder (see crafted.sh).

    crafted.py rule|chain|star|hierarchy|dates N DIR
"""
import json
import os
import sys

HEADER = ("id,date,period_start,period_end,authority,region,metric,category,entity,"
          "value,value_max,qualifier,unit,basis,quote,source,note")


def row(id, date, metric, category, value, region="national", basis="event"):
    return (f"{id},{date},,,Office,{region},{metric},{category},,{value},,exact,count,"
            f"{basis},closed {value} sites,s,")


def write(folder, rows, relations="", extra=None):
    os.makedirs(folder, exist_ok=True)
    dp = {"name": "p", "resources": [
        {"name": "observations", "path": "observations.csv",
         "schema": {"fields": [{"name": "value"}]}},
        {"name": "relations", "path": "relations.csv",
         "schema": {"fields": [{"name": "total_id"}]}}]}
    dp.update(extra or {})
    with open(os.path.join(folder, "datapackage.json"), "w") as f:
        json.dump(dp, f)
    with open(os.path.join(folder, "observations.csv"), "w") as f:
        f.write(HEADER + "\n" + "".join(r + "\n" for r in rows))
    with open(os.path.join(folder, "relations.csv"), "w") as f:
        f.write("total_id,part_id,kind\n" + relations)


def main():
    kind, n, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "rule":
        # n figures of one metric at most n of another, one region, one day.
        rows = [row(f"d{i}", "2014-09-30", "destroyed", "", 1) for i in range(n)]
        rows += [row(f"s{i}", "2014-09-30", "seized", "", 2) for i in range(n)]
        rule = {"name": "destroyed_within_seized", "figure": {"metric": "destroyed"},
                "at_most": {"metric": "seized"}}
        write(folder, rows, extra={"cleanweb:rules": [rule]})
    elif kind == "chain":
        # t0 = t1 + l0, t1 = t2 + l1, ..., t(n-1) = l(n-1): every leaf is 1.
        rows, rels = [], []
        for i in range(n):
            rows.append(row(f"t{i}", "2014-09-30", "cases", "all", n - i))
            rows.append(row(f"l{i}", "2014-09-30", "cases", "part", 1))
            if i + 1 < n:
                rels.append(f"t{i},t{i + 1},complete\n")
            rels.append(f"t{i},l{i},complete\n")
        write(folder, rows, "".join(rels))
    elif kind == "star":
        # One total of n parts of 1 each.
        rows = [row("t", "2014-09-30", "cases", "all", n)]
        rows += [row(f"p{i}", "2014-09-30", "cases", f"c{i}", 1) for i in range(n)]
        write(folder, rows, "".join(f"t,p{i},complete\n" for i in range(n)))
    elif kind == "hierarchy":
        # r1 in r0, r2 in r1, ..., rn in r(n-1): n parents, n + 1 levels; one figure
        # in the deepest place.
        parents = {f"r{i + 1}": f"r{i}" for i in range(n)}
        levels = [f"level{i}" for i in range(n + 1)]
        hierarchy = {"dimension": "region", "levels": levels, "parents": parents}
        rows = [row("deep", "2014-09-30", "cases", "", 3, region=f"r{n}"),
                row("top", "2014-09-30", "cases", "", 4, region="r0")]
        write(folder, rows, extra={"cleanweb:hierarchies": [hierarchy]})
    elif kind == "dates":
        # Two figures n years apart (n = 9999: 0000-01-01 and 9999-12-31).
        rows = [row("first", "0000-01-01", "cases", "", 5),
                row("last", f"{n:04}-12-31", "cases", "", 6)]
        write(folder, rows)
    else:
        sys.exit(f"unknown kind {kind}")


main()
