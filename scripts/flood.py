"""Export flood plus slow clients against the production stack on loopback, bounded in time: the issue-14 target.

Usage: python scripts/flood.py http://127.0.0.1:8080 [SECONDS]   (start `make prod` first; loopback only)
"""

import collections
import http.client
import socket
import statistics
import sys
import threading
import time

BASE = sys.argv[1]
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 20
stop = time.monotonic() + SECONDS
flood_codes = collections.Counter()
user = collections.defaultdict(list)
user_errors = collections.Counter()
PORT = int(BASE.rsplit(":", 1)[1])
if not BASE.startswith(("http://127.0.0.1:", "http://localhost:")):
    sys.exit("flood.py sends traffic only to this machine: give http://127.0.0.1:PORT")


def get(path, timeout=30, source="127.0.0.2"):
    """Each kind of client from its own loopback address, as different people would be."""
    t = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout, source_address=(source, 0))
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        c.close()
        return r.status, time.monotonic() - t
    except Exception as e:
        return type(e).__name__, time.monotonic() - t


def flood(i):
    n = 0
    while time.monotonic() < stop:
        code, _ = get(
            f"/export/map.png?process=budapest&year={1995 + (i * 7 + n) % 25}&width=4000&height=4000&scale=1",
            timeout=60,
            source=f"127.0.1.{i + 1}",
        )
        flood_codes[code] += 1
        n += 1


def slow(i):
    socks = []
    while time.monotonic() < stop:
        try:
            s = socket.create_connection(("127.0.0.1", PORT), timeout=5, source_address=(f"127.0.2.{i + 1}", 0))
            s.sendall(b"GET /assets/vendor/plotly-atlas.min.js HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append(s)
        except OSError:
            pass
        time.sleep(2)
    for s in socks:
        s.close()


def normal():
    n = 0
    while time.monotonic() < stop:
        for path in ("/map?process=puebla&year=2000", "/healthz"):
            code, dt = get(path, timeout=30)
            if code == 200:
                user[path].append(dt)
            else:
                user_errors[(path, code)] += 1
        n += 1
        time.sleep(0.2)


threads = (
    [threading.Thread(target=flood, args=(i,)) for i in range(12)]
    + [threading.Thread(target=slow, args=(i,)) for i in range(16)]
    + [threading.Thread(target=normal)]
)
for t in threads:
    t.start()
for t in threads:
    t.join()
for path, xs in user.items():
    xs.sort()
    p95 = xs[max(0, int(len(xs) * 0.95) - 1)]
    print(f"user {path}: n={len(xs)} median={statistics.median(xs) * 1000:.0f} ms p95={p95 * 1000:.0f} ms")
print("user errors:", dict(user_errors))
print("flood answers:", dict(flood_codes))
