#!/usr/bin/env python3
"""Time from starting `mastui --demo` to its first frame (the tab bar drawn).

Usage: demo_first_frame.py BIN [RUNS]   (prints each run and the median, in ms)

The binary runs in a pseudo-terminal of 120x36 that answers the terminal queries a
real one answers (cursor position, background colour), with its own config, state and
download directories, so it never touches the user's queue. Target: <= 150 ms.
"""
import fcntl, os, pty, re, select, shutil, statistics, struct, subprocess, sys, tempfile, termios, time

FRAME_MARK = b"Observations"  # the tab bar: the first frame is on screen
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
TIMEOUT = 20.0


def one_run(binary, work):
    env = dict(os.environ, TERM="xterm-256color", HOME=work, XDG_CONFIG_HOME=work + "/config",
               XDG_STATE_HOME=work + "/state", XDG_CACHE_HOME=work + "/cache", MAST_API_TOKEN="")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    start = time.monotonic()
    proc = subprocess.Popen([binary, "--demo", "--dir", work + "/dl"], stdin=slave, stdout=slave,
                            stderr=slave, env=env, start_new_session=True, close_fds=True)
    os.close(slave)
    seen, elapsed = b"", None
    try:
        while time.monotonic() - start < TIMEOUT:
            r, _, _ = select.select([master], [], [], 0.5)
            if not r:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            # Answer like a terminal, or the program waits for the query to time out.
            if b"\x1b[6n" in chunk:
                os.write(master, b"\x1b[1;1R")
            if b"\x1b]11;?" in chunk:
                os.write(master, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
            if FRAME_MARK in ESCAPES.sub(b"", seen):
                elapsed = time.monotonic() - start
                break
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)
    return elapsed


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary, runs = os.path.abspath(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times = []
    for i in range(runs):
        work = tempfile.mkdtemp(prefix="mastui-frame-")
        try:
            t = one_run(binary, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if t is None:
            sys.exit("run %d: no first frame within %.0f s" % (i + 1, TIMEOUT))
        times.append(t * 1000)
        print("run %d: first frame after %.1f ms" % (i + 1, times[-1]))
    med = statistics.median(times)
    print("%-44s %10.1f ms  target  150.0 ms  ratio %.2f %s" % ("demo: first frame (median)", med, med / 150, "ok" if med <= 150 else "MISSED"))


if __name__ == "__main__":
    main()
