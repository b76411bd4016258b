"""EXPLAIN ANALYZE every SQL query that the benchmarked endpoints run, on the bench database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/glossary_bench \
    .venv/bin/python bench/explain.py --slug <a live slug> --q <a word> [--out bench/results/explain.txt]

Each endpoint is requested once in-process (server cache off, so the view really runs),
its queries are captured, and each captured query is run again under
`EXPLAIN (ANALYZE, BUFFERS)`. The summary names the indexes each plan uses and any
sequential scans; the full plans go to `--out`.
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_cms.settings")
os.environ["GLOSSARY_SERVER_CACHE"] = "0"
os.environ["API_THROTTLE_ANON"] = ""

import django  # noqa: E402  (the path and settings above must come first)

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

INDEX_USE = re.compile(r"(?:Index Scan|Index Only Scan)(?: Backward)? using (\w+)|Bitmap Index Scan on (\w+)")
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
EXECUTION = re.compile(r"Execution Time: ([\d.]+) ms")
FROM_TABLE = re.compile(r'FROM "(\w+)"')


def main_table(sql: str) -> str:
    """The table of the outermost FROM (subqueries sit in parentheses)."""
    depth = 0
    for position, character in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0 and sql.startswith("FROM ", position):
            found = FROM_TABLE.match(sql, position)
            return found.group(1) if found else "?"
    return "?"


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slug", required=True, help="a live term slug for the detail endpoint")
    parser.add_argument("--q", default="tokenizer", help="the search word")
    parser.add_argument("--rare-q", default="rotary", help="a selective search word (only in some names)")
    parser.add_argument("--out", type=Path, help="write the full plans here")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("EXPLAIN ANALYZE here is for PostgreSQL (set DATABASE_URL).")

    endpoints = {
        "term detail": f"/api/v1/terms/{args.slug}/",
        "list page 50": "/api/v1/terms/?page=50",
        "index": "/api/v1/index/",
        "search": f"/api/v1/search/?q={args.q}",
        "search, selective word": f"/api/v1/search/?q={args.rare_q}",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    full: list[str] = []
    for name, path in endpoints.items():
        client.get(path)  # warm the timeline cache and the imports: measure the view's own queries
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        print(f"\n## {name}: GET {path} -> {response.status_code}, {len(response.content)} bytes, {elapsed:.1f} ms")
        full.append(f"\n######## {name}: GET {path} -> {response.status_code}, {elapsed:.1f} ms in-process\n")
        for number, query in enumerate(captured.captured_queries, start=1):
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan = explain(sql)
            indexes = sorted({a or b for a, b in INDEX_USE.findall(plan)})
            seq_scans = sorted(set(SEQ_SCAN.findall(plan)))
            executed = EXECUTION.search(plan)
            print(
                f"  query {number} on {main_table(sql)}: "
                f"{executed.group(1) if executed else '?'} ms; "
                f"indexes: {', '.join(indexes) or 'none'}; seq scans: {', '.join(seq_scans) or 'none'}"
            )
            full.append(f"--- query {number}\n{sql}\n\n{plan}\n")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(full))
        print(f"\nFull plans: {args.out}")


if __name__ == "__main__":
    main()
