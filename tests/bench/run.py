#!/usr/bin/env python3
"""Start-up time, idle memory and idle CPU of Hearth against baseline B (a Tauri hello-world).

Each run starts one app under its own D-Bus session on a private Xvfb display, with a fresh HOME
and data folder, and measures:
  * first paint: from just before exec to the app's "hearth-first-paint" line on stdout, which
    both apps print after a double requestAnimationFrame of their first real view;
  * idle memory: PSS summed over the app and its descendants (WebKitWebProcess,
    WebKitNetworkProcess) after --idle seconds, from /proc/PID/smaps_rollup.
Runs alternate A/B/A/B; the figures are medians, and the ratios are medians of paired ratios.
"""

import argparse
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def children(pid):
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except FileNotFoundError:
        pass
    return found


def descendants(pid):
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        stack += children(current)
    return tree


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def cpu_ticks(pid):
    """utime + stime of one process, in clock ticks (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def wakeups(pid):
    """Voluntary context switches of each thread of one process, by thread id."""
    counts = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as status:
                for line in status:
                    if line.startswith("voluntary_ctxt_switches"):
                        counts[task] = int(line.split()[1])
        except OSError:
            continue
    return counts


def wakeups_between(before, after):
    """Wake-ups in a window: threads alive at its end, counted from their start (or its start).
    Threads that ended inside the window are missed, so this can only undercount."""
    return sum(count - before.get(task, 0) for task, count in after.items())


def seed_rituals(cli, env, count):
    """Arms `count` daily rituals spread over the day, as a couple with many rituals might."""
    for index in range(count):
        hour, minute = divmod(index * 29 % (24 * 60), 60)
        subprocess.run([cli, "rituals", "add", "--title", f"Ritual {index}", "--rrule", "FREQ=DAILY",
                        "--start", f"2026-01-01T{hour:02d}:{minute:02d}", "--remind-before", "15"],
                       env=env, check=True, stdout=subprocess.DEVNULL)


def find_app(session_pid, binary, deadline):
    """The app process inside dbus-run-session (a sibling of the session's dbus-daemon)."""
    real = os.path.realpath(binary)
    while time.monotonic() < deadline:
        for pid in descendants(session_pid):
            try:
                if os.path.realpath(f"/proc/{pid}/exe") == real:
                    return pid
            except OSError:
                continue
        time.sleep(0.01)
    raise RuntimeError(f"{binary} did not start")


def start_xvfb():
    """A private X display for the runs; its name and the server process."""
    display = ":%d" % (90 + os.getpid() % 9)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Ready once its socket is there (within 10 s).
    socket = f"/tmp/.X11-unix/X{display[1:]}"
    deadline = time.monotonic() + 10
    while not os.path.exists(socket):
        if time.monotonic() > deadline or xvfb.poll() is not None:
            raise RuntimeError(f"Xvfb did not start on {display}")
        time.sleep(0.05)
    return display, xvfb


def pair_with_a_folder(cli, env, home):
    """Sets up a notebook and an exchange folder (sync on), as a couple's first computer has it
    before the partner joins; the app then starts locked, so the calendar travels and the notebook
    waits, as on most idle evenings."""
    secret = os.path.join(home, "passphrase")
    with open(secret, "w", encoding="utf-8") as out:
        out.write("bench passphrase words\n")
    folder = os.path.join(home, "exchange")
    os.mkdir(folder)
    base = [cli, "--data-dir", env["HEARTH_DATA_DIR"], "--passphrase-file", secret]
    subprocess.run(base + ["journal", "init"], env=dict(env, HEARTH_KDF_FLOOR="1"), check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(base + ["sync", "setup", "--folder", folder], env=env, check=True, stdout=subprocess.DEVNULL)


def measure(binary, display, idle_seconds, cli=None, rituals=0, timeout=60, paired=False):
    home = tempfile.mkdtemp(prefix="hearth-bench-")
    env = dict(os.environ, DISPLAY=display, HOME=home, HEARTH_DATA_DIR=os.path.join(home, "data"),
               XDG_CONFIG_HOME=os.path.join(home, "config"), HEARTH_BENCH_STAMP="1")
    if cli and rituals:
        seed_rituals(cli, env, rituals)
    if paired:
        pair_with_a_folder(cli, env, home)
    started = time.monotonic()
    process = subprocess.Popen(["dbus-run-session", "--", binary], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = started + timeout
        buffer = b""
        painted = None
        while painted is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError(f"{binary}: no first paint within {timeout} s")
            ready, _, _ = select.select([process.stdout], [], [], remaining)
            if ready:
                chunk = os.read(process.stdout.fileno(), 4096)
                if not chunk:
                    raise RuntimeError(f"{binary} exited before its first paint")
                buffer += chunk
                if b"hearth-first-paint" in buffer:
                    painted = time.monotonic()
        app = find_app(process.pid, binary, deadline)
        time.sleep(5)
        tree = descendants(app)
        ticks_before = sum(cpu_ticks(pid) for pid in tree)
        wakeups_before = wakeups(app)
        idle_started = time.monotonic()
        time.sleep(idle_seconds)
        idle = time.monotonic() - idle_started
        tree = descendants(app)
        ticks = sum(cpu_ticks(pid) for pid in tree) - ticks_before
        cpu_percent = ticks / os.sysconf("SC_CLK_TCK") / idle * 100
        wakeups_per_minute = wakeups_between(wakeups_before, wakeups(app)) / idle * 60
        memory = sum(pss_kib(pid) for pid in tree) / 1024
        return painted - started, memory, len(tree), cpu_percent, wakeups_per_minute
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        shutil.rmtree(home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hearth", required=True)
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds idle before memory is read")
    parser.add_argument("--cli", help="hearth-cli, to arm rituals in Hearth's data folder first")
    parser.add_argument("--rituals", type=int, default=50)
    parser.add_argument("--sync", action="store_true",
                        help="compare Hearth with sync on (paired to a folder) against Hearth with sync off, "
                             "instead of against the baseline; needs --cli")
    args = parser.parse_args()
    if args.sync:
        return sync_idle(args)

    display, xvfb = start_xvfb()
    rows = {"hearth": [], "baseline": []}
    try:
        for pair in range(args.pairs):
            for name, binary in (("hearth", args.hearth), ("baseline", args.baseline)):
                cli = args.cli if name == "hearth" else None
                paint, memory, processes, cpu, wakes = measure(binary, display, args.idle, cli, args.rituals)
                rows[name].append((paint, memory, cpu, wakes))
                print(f"run {pair + 1} {name:8s} first paint {paint * 1000:7.0f} ms   "
                      f"PSS {memory:6.1f} MiB over {processes} processes   "
                      f"CPU {cpu:.3f}% of a core   {wakes:.1f} wake-ups/min", flush=True)
    finally:
        xvfb.terminate()

    def median(name, index):
        return statistics.median(row[index] for row in rows[name])

    def paired_ratio(index):
        return statistics.median(a[index] / b[index] for a, b in zip(rows["hearth"], rows["baseline"]))

    print()
    print(f"{'figure':28s} {'Hearth':>10s} {'baseline B':>11s} {'ratio':>7s}  budget")
    print(f"{'exec to first paint (ms)':28s} {median('hearth', 0) * 1000:10.0f} "
          f"{median('baseline', 0) * 1000:11.0f} {paired_ratio(0):7.2f}  budget p50 <= 1.10 x B")
    print(f"{'idle PSS, process tree (MiB)':28s} {median('hearth', 1):10.1f} "
          f"{median('baseline', 1):11.1f} {paired_ratio(1):7.2f}  budget <= 1.15 x B")
    armed = f", {args.rituals} rituals" if args.cli else ""
    print(f"{'idle CPU, tree (% of a core)':28s} {median('hearth', 2):10.3f} "
          f"{median('baseline', 2):11.3f} {median('hearth', 2) / max(median('baseline', 2), 1e-9):7.2f}  "
          f"budget <= 0.1% and <= 1.1 x B ({args.idle:.0f} s idle{armed})")
    print(f"{'Rust process wake-ups/min':28s} {median('hearth', 3):10.1f} "
          f"{median('baseline', 3):11.1f} {median('hearth', 3) / max(median('baseline', 3), 1e-9):7.2f}  "
          f"budget <= B + 1/min housekeeping")
    hearth_size = os.path.getsize(args.hearth) / 2**20
    baseline_size = os.path.getsize(args.baseline) / 2**20
    print(f"{'release binary (MiB)':28s} {hearth_size:10.1f} {baseline_size:11.1f} "
          f"{hearth_size / baseline_size:7.2f}  budget <= 14 MiB")
    over = []
    if paired_ratio(0) > 1.10:
        over.append("first paint")
    if median('hearth', 3) > median('baseline', 3) + 1:
        over.append("idle wake-ups")
    if hearth_size > 14:
        over.append("binary size")
    if over:
        print(f"over budget: {', '.join(over)}")
        return 1
    return 0


def sync_idle(args):
    """Idle CPU and wake-ups of the same Hearth with sync on and off, alternating runs."""
    if not args.cli:
        print("--sync needs --cli", file=sys.stderr)
        return 2
    display, xvfb = start_xvfb()
    rows = {"sync on": [], "sync off": []}
    try:
        for run in range(args.pairs):
            for name in ("sync on", "sync off") if run % 2 == 0 else ("sync off", "sync on"):
                _, _, _, cpu, wakes = measure(args.hearth, display, args.idle, args.cli, args.rituals,
                                              paired=name == "sync on")
                rows[name].append((cpu, wakes))
                print(f"run {run + 1} {name:8s} CPU {cpu:.3f}% of a core   {wakes:.1f} wake-ups/min", flush=True)
    finally:
        xvfb.terminate()
    cpu_on = statistics.median(row[0] for row in rows["sync on"])
    cpu_off = statistics.median(row[0] for row in rows["sync off"])
    wakes_on = statistics.median(row[1] for row in rows["sync on"])
    wakes_off = statistics.median(row[1] for row in rows["sync off"])
    tick = 100 / os.sysconf("SC_CLK_TCK") / args.idle
    print()
    print(f"{'figure':28s} {'sync on':>10s} {'sync off':>10s}  budget")
    print(f"{'idle CPU, tree (% of a core)':28s} {cpu_on:10.3f} {cpu_off:10.3f}  "
          f"budget <= sync off (+ one clock tick, {tick:.3f}%)")
    print(f"{'Rust process wake-ups/min':28s} {wakes_on:10.1f} {wakes_off:10.1f}  budget <= sync off + 1/min")
    over = []
    if cpu_on > cpu_off + tick:
        over.append("idle CPU with sync on")
    if wakes_on > wakes_off + 1:
        over.append("idle wake-ups with sync on")
    if over:
        print(f"over budget: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
