"""The production stack in the foreground: nginx on PORT in front of N gunicorn instances, optionally a Redis.

    python scripts/prod.py [--port 8080] [--instances 2] [--redis]        (make prod PORT=8080 INSTANCES=2 REDIS=1)

Each instance is the README's command, `gunicorn 'dashboard.wsgi:server' -w 2 -k gthread --threads 4
-b 127.0.0.1:<port>`, on consecutive loopback ports after PORT (8081, 8082, ...). nginx (Debian's package) listens on
PORT, serves assets/ and Dash's component suites itself and passes everything else to the instances (the
configuration is deploy/nginx.conf.template). With --redis, `redis-server --port 6390 --save '' --appendonly no` runs
too and every instance gets ATLAS_CACHE_URL=redis://127.0.0.1:6390/0.

Everything nginx writes (pid, logs, temp files, the static files it serves) lives in the run prefix
(default /tmp/atlas-prod-PORT); the instances' pid files are there too (gunicorn-<port>.pid). Ctrl-C or SIGTERM stops
every process this started. An instance that dies is reported and not restarted: nginx sends its requests to the
others. `--config-only` writes the nginx configuration, checks it with `nginx -t` and exits.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
ASSETS = ROOT / "assets"
# Python packages whose files Dash serves under /_dash-component-suites/<package>/ (others reach the app).
SUITE_PACKAGES = ("dash", "dash_bootstrap_components")
# Only these kinds of file are copied for nginx to serve: never a package's Python source.
STATIC_SUFFIXES = {".js", ".css", ".map", ".json", ".woff", ".woff2", ".ttf", ".eot", ".svg", ".png", ".gif", ".ico"}
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
MIME_CANDIDATES = ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types")


class StackError(RuntimeError):
    """Something the stack needs is missing or failed to start; the message says what and how to fix it."""


def find_nginx() -> str:
    found = shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)
    if not found:
        raise StackError(
            "nginx is not installed: `make deps` (or `make prod`) installs Debian's package "
            "(apt-get install -y nginx redis-server)"
        )
    return found


def find_redis() -> str:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.access("/usr/bin/redis-server", os.X_OK) else None
    )
    if not found:
        raise StackError("redis-server is not installed: `make deps` installs it (apt-get install -y redis-server)")
    return found


def mime_types() -> str:
    for path in MIME_CANDIDATES:
        if os.path.exists(path):
            return path
    raise StackError(f"nginx's mime.types was not found (looked in {', '.join(MIME_CANDIDATES)})")


def worker_user_line() -> str:
    """As root, nginx's workers drop to an unprivileged user; otherwise they run as whoever started nginx."""
    if os.geteuid() != 0:
        return "# (not root: the workers run as the user who started nginx)"
    for name in ("www-data", "nginx", "nobody"):
        try:
            pwd.getpwnam(name)
            return f"user {name};"
        except KeyError:
            continue
    raise StackError("running as root, but there is no unprivileged user (www-data, nginx, nobody) for nginx's workers")


def package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def collect_static(static_root: Path, assets: Path = ASSETS, packages=SUITE_PACKAGES) -> int:
    """Copy assets/ and the component suites' static files where nginx's workers can read them; return the count.

    The tree mirrors the URLs without Dash's fingerprint: /assets/x.css is static_root/assets/x.css and
    /_dash-component-suites/dash/dcc/a.v4_4_1m123.js is static_root/_dash-component-suites/dash/dcc/a.js, a copy of
    site-packages/dash/dcc/a.js. Copies, not the installed files themselves, because as root the workers run as an
    unprivileged user that cannot read a home directory's site-packages; and only static kinds of file are copied.
    """
    if static_root.exists():
        shutil.rmtree(static_root)
    count = 0
    sources = [(assets, static_root / "assets", False)]
    for name in packages:
        found = package_dir(name)
        if found is not None:
            sources.append((found, static_root / "_dash-component-suites" / name, True))
    for source, target, only_static in sources:
        for path in source.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if only_static and path.suffix.lower() not in STATIC_SUFFIXES:
                continue
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)  # keeps the mtime: Last-Modified and ETag as the app's
            count += 1
    for dirpath, _dirnames, filenames in os.walk(static_root):
        os.chmod(dirpath, 0o755)
        for f in filenames:
            os.chmod(os.path.join(dirpath, f), 0o644)
    return count


def render_nginx_conf(
    *,
    prefix: Path,
    port: int,
    backends: list[int],
    client_timeout: int = 10,
    keepalive_timeout: int = 15,
    conn_per_client: int = 32,
    export_rate: int = 2,
    export_burst: int = 20,
    max_renders: int = 8,
    retry_after: int = 2,
    static_max_age: int = 3600,
    host: str = "127.0.0.1",
    user_line: str | None = None,
    mime: str | None = None,
) -> str:
    upstream = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in backends)
    values = {
        "prefix": str(prefix),
        "static_root": str(prefix / "static"),
        "listen": f"{host}:{port}",
        "upstream_servers": upstream,
        "next_upstream_tries": str(max(2, len(backends))),
        "client_timeout": str(client_timeout),
        "keepalive_timeout": str(keepalive_timeout),
        "conn_per_client": str(conn_per_client),
        "export_rate": str(export_rate),
        "export_burst": str(export_burst),
        "max_renders": str(max_renders),
        "retry_after": str(retry_after),
        "static_max_age": str(static_max_age),
        "user_line": worker_user_line() if user_line is None else user_line,
        "mime_types": mime or mime_types(),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        left = text[text.index("{{") :].split("}}")[0] + "}}"
        raise StackError(f"{TEMPLATE.name}: no value for {left}")
    return text


def prepare_prefix(prefix: Path) -> None:
    prefix.mkdir(parents=True, exist_ok=True)
    if prefix.stat().st_uid != os.geteuid():
        raise StackError(f"{prefix} belongs to another user: choose another --prefix")
    os.chmod(prefix, 0o755)  # nginx's workers must reach static/ and temp/
    for sub in ("logs", "temp"):
        (prefix / sub).mkdir(exist_ok=True)
    os.chmod(prefix / "logs", 0o700)  # opened by nginx's master before it drops privileges


def log_tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


def wait_http(
    port: int, path: str, deadline: float, procs: dict[str, subprocess.Popen], logs: Path, host: str = "127.0.0.1"
) -> None:
    while time.monotonic() < deadline:
        for name, p in procs.items():
            if p.poll() is not None:
                log = logs / ("nginx-stderr.log" if name == "nginx" else f"{name}.log")
                raise StackError(
                    f"{name} exited with code {p.returncode} while starting; the end of {log}:\n{log_tail(log)}"
                )
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise StackError(f"nothing answered 200 on {host}:{port}{path} in time")


def check_free(host: str, port: int, what: str) -> None:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise StackError(f"{what} cannot listen on {host}:{port}: {exc.strerror} (choose another PORT)") from None


class Stack:
    """The processes of one production stack, started in order and stopped in reverse."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.prefix = Path(args.prefix or f"/tmp/atlas-prod-{args.port}").resolve()
        first = args.internal_port or args.port + 1
        self.backends = [first + i for i in range(args.instances)]
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: list = []

    def log(self, message: str) -> None:
        print(f"[prod] {message}", flush=True)

    def _spawn(
        self, name: str, cmd: list[str], env: dict | None = None, log_name: str | None = None
    ) -> subprocess.Popen:
        out = open(self.prefix / "logs" / (log_name or f"{name}.log"), "ab")
        self.logs.append(out)
        # A process group of its own: Ctrl-C in the terminal reaches prod.py only, which stops everything in order;
        # and killing an instance's group (kill -- -PID) takes its workers with it.
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs[name] = proc
        return proc

    def nginx_conf(self) -> Path:
        a = self.args
        conf = render_nginx_conf(
            prefix=self.prefix,
            port=a.port,
            backends=self.backends,
            host=a.host,
            client_timeout=a.client_timeout,
            export_rate=a.export_rate,
            export_burst=a.export_burst,
            conn_per_client=a.conn_per_client,
            max_renders=a.max_renders or 2 * a.workers * a.instances,
        )
        path = self.prefix / "nginx.conf"
        path.write_text(conf, encoding="utf-8")
        return path

    def check_nginx(self, nginx: str, conf: Path) -> None:
        done = subprocess.run(
            [nginx, "-t", "-q", "-p", str(self.prefix), "-c", str(conf)], capture_output=True, text=True
        )
        if done.returncode:
            raise StackError(f"nginx -t rejected {conf}:\n{done.stderr.strip()}")

    def start(self) -> None:
        a = self.args
        nginx = find_nginx()
        redis = find_redis() if a.redis else None
        if not a.config_only:
            check_free(a.host, a.port, "nginx")
            for port in self.backends:
                check_free("127.0.0.1", port, "gunicorn")
            if redis:
                check_free("127.0.0.1", a.redis_port, "redis-server")
        prepare_prefix(self.prefix)
        n = collect_static(self.prefix / "static")
        conf = self.nginx_conf()
        self.check_nginx(nginx, conf)
        self.log(f"nginx configuration {conf} ({n} static files in {self.prefix / 'static'})")
        if a.config_only:
            return
        env = dict(os.environ)
        if a.base_url:
            env["ATLAS_BASE_URL"] = a.base_url
        if redis:
            self._spawn(
                "redis", [redis, "--port", str(a.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            )
            env["ATLAS_CACHE_URL"] = f"redis://127.0.0.1:{a.redis_port}/0"
            self.log(f"redis-server on 127.0.0.1:{a.redis_port}; ATLAS_CACHE_URL={env['ATLAS_CACHE_URL']}")
        for port in self.backends:
            pidfile = self.prefix / f"gunicorn-{port}.pid"
            self._spawn(
                f"gunicorn-{port}",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "dashboard.wsgi:server",
                    "-w",
                    str(a.workers),
                    "-k",
                    "gthread",
                    "--threads",
                    str(a.threads),
                    "-b",
                    f"127.0.0.1:{port}",
                    "--pid",
                    str(pidfile),
                ],
                env=env,
            )
        deadline = time.monotonic() + a.start_timeout
        for port in self.backends:
            wait_http(port, "/healthz", deadline, self.procs, self.prefix / "logs")
        self.log(
            f"gunicorn x{len(self.backends)} on 127.0.0.1:{', '.join(map(str, self.backends))} "
            f"(-w {a.workers} -k gthread --threads {a.threads}); logs in {self.prefix / 'logs'}"
        )
        self._spawn(
            "nginx", [nginx, "-p", str(self.prefix), "-c", str(conf), "-g", "daemon off;"], log_name="nginx-stderr.log"
        )
        wait_http(
            a.port,
            "/healthz",
            time.monotonic() + 15,
            {"nginx": self.procs["nginx"]},
            self.prefix / "logs",
            host="127.0.0.1" if a.host in ("0.0.0.0", "::") else a.host,
        )
        self.log(f"ready: http://{a.host}:{a.port}/ (Ctrl-C stops everything)")

    def watch(self) -> int:
        """Wait until stopped; report instances that die; stop if nginx dies or no instance is left."""
        reported: set[str] = set()
        while True:
            time.sleep(0.5)
            for name, proc in self.procs.items():
                if proc.poll() is not None and name not in reported:
                    reported.add(name)
                    self.log(f"{name} exited with code {proc.returncode}")
            alive = [n for n in self.procs if n.startswith("gunicorn-") and self.procs[n].poll() is None]
            if self.procs["nginx"].poll() is not None:
                self.log("nginx is gone: stopping")
                return 1
            if not alive:
                self.log("no gunicorn instance is left: stopping")
                return 1

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            proc = self.procs[name]
            if proc.poll() is None:
                proc.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)  # graceful for both
        deadline = time.monotonic() + 20
        for name, proc in self.procs.items():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
            if name.startswith("gunicorn-"):  # a group killed with -9 leaves its workers to be reaped
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        for out in self.logs:
            out.close()
        if self.procs:
            self.log("stopped")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT") or 8080), help="nginx's port (default $PORT or 8080)"
    )
    p.add_argument("--host", default="127.0.0.1", help="nginx's address (default 127.0.0.1; 0.0.0.0 for the network)")
    p.add_argument("--instances", type=int, default=1, help="gunicorn instances behind nginx (default 1)")
    p.add_argument("--internal-port", type=int, help="the first instance's port (default PORT+1; then +1 each)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance (default 2, as in the README)")
    p.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    p.add_argument("--redis", action="store_true", help="start redis-server and pass ATLAS_CACHE_URL to the instances")
    p.add_argument("--redis-port", type=int, default=6390)
    p.add_argument("--prefix", help="nginx's run prefix: pid, logs, temp, static (default /tmp/atlas-prod-PORT)")
    p.add_argument(
        "--base-url", help="where permalinks point (ATLAS_BASE_URL for the instances), e.g. https://atlas.example.org"
    )
    p.add_argument(
        "--client-timeout",
        type=int,
        default=10,
        help="seconds a client has for its header, between body reads and between answer writes (default 10)",
    )
    p.add_argument(
        "--export-rate", type=int, default=2, help="/export/ requests per second per client address (default 2)"
    )
    p.add_argument("--export-burst", type=int, default=20, help="/export/ burst per client address (default 20)")
    p.add_argument(
        "--conn-per-client", type=int, default=32, help="requests in progress per client address (default 32)"
    )
    p.add_argument("--max-renders", type=int, help="image exports in progress over all clients (default 2 per worker)")
    p.add_argument("--start-timeout", type=float, default=120, help="seconds to wait for the instances (default 120)")
    p.add_argument("--config-only", action="store_true", help="write and check the nginx configuration, then exit")
    args = p.parse_args(argv)
    if not 1 <= args.instances <= 16:
        p.error("--instances must be 1..16")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stack = Stack(args)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        stack.start()
        if args.config_only:
            return 0
        return stack.watch()
    except StackError as exc:
        print(f"prod: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
