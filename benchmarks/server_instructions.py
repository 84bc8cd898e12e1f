"""Instructions a real server spends per sync loop: `main.py server` under valgrind's callgrind.

Run: .venv/bin/python benchmarks/server_instructions.py [--loops 100] [--warm 20]
     [--technicians 10] [--push-every 1] [--server-root DIR] [--repeat 1] [--keep FILE]

Wall time and CPU time on a shared machine move by a quarter between runs of the same code;
the instructions a server executes for the same requests barely move. The server runs as in
server_capacity.py (`main.py server`, one worker, SQLite, seeded the same way) under
callgrind with instrumentation off; its technicians (server_capacity.Technician, one after
the other in this process) log in, download their visits and sync `--warm` times, then
instrumentation is switched on (`callgrind_control -i on`) for `--loops` sync loops (a push
sync: the push carrying the feed's page; `--push-every N`: every Nth, the others no-op
syncs) and off again. It prints the server's instructions per loop, every thread counted
(uvicorn's event loop and the request threads). `--server-root DIR` measures another
checkout's server (an A/B comparison, run back to back); `--keep FILE` keeps callgrind's
output for callgrind_annotate.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_kit import machine_load, scratch_folder  # noqa: E402
from server_capacity import CHEAP_ARGON2, Technician, seed  # noqa: E402
from server_watch import cpu_of  # noqa: E402

from tests.support.servers import free_port, server_process  # noqa: E402


def _control(pid: int, *options: str) -> None:
    subprocess.run(["callgrind_control", *options, str(pid)], check=True, capture_output=True)


def measure(args: argparse.Namespace, root: Path) -> tuple[float, int]:
    """(instructions, or CPU seconds with --cpu; loops) of one run of the server at `root`."""
    with scratch_folder("fieldapp-instructions-") as work:
        url = f"sqlite:///{work / 'server' / 'server.sqlite3'}"
        seed(url, work / "server", args.technicians, args.visits)
        out = work / "callgrind.out"
        program = [sys.executable, str(root / "main.py")]
        if not args.cpu:
            grind = ["valgrind", "--tool=callgrind", "--instr-atstart=no"]
            program = [*grind, f"--callgrind-out-file={out}", *program]
        env = {"FIELDAPP_DATABASE_URL": url, "PYTHONPATH": str(root), **CHEAP_ARGON2}
        server_args = ["--data-dir", str(work / "server")]
        with server_process(server_args, free_port(), env, timeout=600, program=program) as server:
            api = f"{server.base_url}/api/v1"
            technicians = [Technician(api, f"tech{n:04d}") for n in range(args.technicians)]
            for technician in technicians:
                technician.login()
                technician.sync([], push=False)
            record: list[tuple[str, float, float, int]] = []
            for n in range(args.warm):
                technicians[n % len(technicians)].sync(record, push=n % args.push_every == 0)
            pid = server.process.pid
            if args.cpu:
                cpu = cpu_of([pid])
            else:
                _control(pid, "-i", "on")
            for n in range(args.loops):
                technician = technicians[n % len(technicians)]
                technician.sync(record, push=n % args.push_every == 0)
            if args.cpu:
                cpu = cpu_of([pid]) - cpu
            else:
                _control(pid, "-i", "off")
            failed = [r for r in record if r[3] != 200 or r[0] == "push refused"]
            if failed:
                raise RuntimeError(f"requests failed: {failed[:5]}")
        if args.cpu:
            return cpu, args.loops
        text = out.read_text(errors="replace")
        if args.keep is not None:
            shutil.copy(out, args.keep)
    found = re.search(r"^totals: (\d+)", text, re.MULTILINE)
    if found is None:
        raise RuntimeError("callgrind wrote no totals")
    return int(found.group(1)), args.loops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loops", type=int, default=100)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--technicians", type=int, default=10)
    parser.add_argument("--visits", type=int, default=20, help="visits per technician")
    parser.add_argument("--push-every", type=int, default=1)
    parser.add_argument("--server-root", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep callgrind's output here")
    parser.add_argument(
        "--cpu", action="store_true", help="no valgrind: the server's CPU time per loop"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    for _ in range(args.repeat):
        started, load = time.perf_counter(), machine_load()
        cost, loops = measure(args, args.server_root.resolve())
        figure = (
            f"{cost / loops * 1e3:.3f} ms CPU per loop"
            if args.cpu
            else f"{cost / loops / 1e6:.2f} M instructions per loop"
        )
        print(
            f"{args.server_root}: {figure} "
            f"({loops} loops, push every {args.push_every}; {load}; "
            f"{time.perf_counter() - started:.0f} s, pid {os.getpid()})"
        )


if __name__ == "__main__":
    main()
