"""Start `archcost serve` on a free loopback port for a bench script and stop it afterwards.

    with serve_proc.running(binary, scenario) as (proc, host):
        ...  # host is "127.0.0.1:PORT"

The address is read from the start-up line (stdout or stderr, whichever carries it).
Python 3 standard library only.
"""
import contextlib
import subprocess
import urllib.parse


@contextlib.contextmanager
def running(binary, scenario):
    proc = subprocess.Popen(
        [binary, "serve", scenario, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = None
        for line in proc.stdout:
            if "http://" in line:
                url = line[line.index("http://"):].split()[0]
                break
        if url is None:
            raise SystemExit("the server did not start")
        yield proc, urllib.parse.urlparse(url).netloc
    finally:
        proc.terminate()
        proc.wait()
