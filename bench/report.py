"""Turn the wrk outputs of a bench run into the results table (Markdown), relative to the floor.

    python bench/report.py bench/results   # reads runs.tsv, wrk-*.txt, rss.tsv, meta.txt; writes latest.md

Standard library only, so it runs with any Python 3.
"""

import re
import sys
from pathlib import Path

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
LATENCY = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(\w+),", re.MULTILINE)
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
# Targets from the issue, as % of the floor's requests/s.
TARGETS = {
    "detail": 10,
    "list": 5,
    "index": 5,
    "search": 2,
    "ask": 2,
    "cached-fixed": 50,
    "cached-warm": 50,
    "cached-list": 5,
    "cached-index": 5,
    "cached-search": 2,
}


def parse_wrk(text: str) -> dict:
    latencies = {int(p): float(v) * UNITS_MS[u] for p, v, u in LATENCY.findall(text)}
    socket = SOCKET_ERRORS.search(text)
    non_2xx = NON_2XX.search(text)
    total = TOTAL.search(text)
    return {
        "rps": float(RPS.search(text).group(1)) if RPS.search(text) else 0.0,
        "p50": latencies.get(50),
        "p99": latencies.get(99),
        "requests": int(total.group(1)) if total else 0,
        "timeouts": int(socket.group(4)) if socket else 0,
        "socket_errors": sum(int(n) for n in socket.groups()[:3]) if socket else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def rate(per_second: float) -> str:
    return f"{per_second:.2f}" if per_second < 10 else f"{per_second:,.1f}"


def size(num_bytes: int) -> str:
    return f"{num_bytes / 1024:.1f} KB" if num_bytes < 1024 * 1024 else f"{num_bytes / 1024 / 1024:.2f} MB"


def main() -> None:
    results = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results")
    runs = []
    for line in (results / "runs.tsv").read_text().splitlines():
        key, label, path, body_bytes, busy_before, busy_after = line.split("\t")
        wrk_file = results / f"wrk-{key}.txt"
        if wrk_file.exists():
            runs.append({"key": key, "label": label, "path": path, "bytes": int(body_bytes)})
            runs[-1]["busy"] = f"{busy_before}% / {busy_after}%"
            runs[-1].update(parse_wrk(wrk_file.read_text()))
    floor = next((run for run in runs if run["key"] == "floor"), None)

    lines = [
        "| endpoint | path | response | requests | requests/s | p50 ms | p99 ms | % of floor | target | errors "
        "| CPU busy before / after |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for run in runs:
        percent = 100 * run["rps"] / floor["rps"] if floor and floor["rps"] else None
        ratio = "–" if percent is None else f"{percent:.2g}%" if percent < 1 else f"{percent:.1f}%"
        target = TARGETS.get(run["key"])
        verdict = "–"
        if target is not None and percent is not None:
            verdict = f"≥ {target}%: {'met' if percent >= target else 'missed'}"
        problems = []
        if run["timeouts"]:
            problems.append(f"{run['timeouts']} timeouts")
        if run["socket_errors"]:
            problems.append(f"{run['socket_errors']} socket errors")
        if run["non_2xx"]:
            problems.append(f"{run['non_2xx']} non-2xx")
        lines.append(
            f"| {run['label']} | `{run['path']}` | {size(run['bytes'])} | {run['requests']:,} | {rate(run['rps'])} | "
            f"{ms(run['p50'])} | {ms(run['p99'])} | {ratio} | {verdict} | {', '.join(problems) or 'none'} | "
            f"{run['busy']} |"
        )

    rss_lines = []
    rss_file = results / "rss.tsv"
    if rss_file.exists():
        for line in rss_file.read_text().splitlines():
            server, values = line.split("\t")
            kilobytes = [int(value) for value in values.split()]
            if kilobytes:
                rss_lines.append(
                    f"- {server}: worker RSS {', '.join(f'{kb / 1024:.0f} MB' for kb in kilobytes)} "
                    f"(largest {max(kilobytes) / 1024:.0f} MB)"
                )

    meta = (results / "meta.txt").read_text().strip() if (results / "meta.txt").exists() else ""
    report = "\n".join(
        [
            "# Glossary CMS delivery API benchmark",
            "",
            meta,
            "",
            *lines,
            "",
            "CPU busy: share of the machine's CPU time in use during the second before wrk started (after",
            "waiting for other load to stop) and the second after it ended; over ~10% before a run means other",
            "processes shared the CPUs. Errors: wrk timeouts (no answer within the wrk timeout), socket errors,",
            "non-2xx answers; latencies exclude timed-out requests and requests still waiting when wrk stopped.",
            "",
            "Worker memory (RSS, `ps -o rss`) after the runs:",
            "",
            *rss_lines,
            "",
        ]
    )
    (results / "latest.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
