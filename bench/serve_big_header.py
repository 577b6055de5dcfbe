#!/usr/bin/env python3
"""Peak memory of `archcost serve` when a client sends one huge request header: start the
server on a free loopback port, send `GET /api/status` with an `X-Big:` header of N MiB
(default 100) while reading whatever the server answers, then print the answer's status line,
how many bytes the server let in, and the server's peak resident memory (VmHWM, Linux).

    python3 bench/serve_big_header.py target/release/archcost scenarios/three-tier.toml 100

Python 3 standard library only.
"""
import socket
import sys
import threading

import serve_proc


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary, scenario = argv[0], argv[1]
    mib = int(argv[2]) if len(argv) > 2 else 100
    with serve_proc.running(binary, scenario) as (proc, host):
        name, port = host.rsplit(":", 1)
        before = vm_hwm_kib(proc.pid)
        s = socket.create_connection((name, int(port)))
        answer = bytearray()

        def reader():
            while True:
                try:
                    chunk = s.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                answer.extend(chunk)

        t = threading.Thread(target=reader)
        t.start()
        sent = 0
        total = mib * 1024 * 1024
        chunk = b"a" * 65536
        try:
            s.sendall(f"GET /api/status HTTP/1.1\r\nHost: {host}\r\nX-Big: ".encode())
            while sent < total:
                sent += s.send(chunk)
            s.sendall(b"\r\n\r\n")
        except OSError as e:
            print(f"send stopped after {sent:,} bytes: {e}")
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        t.join(timeout=120)
        s.close()
        status = bytes(answer).split(b"\r\n", 1)[0].decode(errors="replace")
        peak = vm_hwm_kib(proc.pid)
        print(f"answer: {status or '(none: connection closed)'}")
        print(f"sent: {sent:,} of {total:,} bytes")
        print(f"server peak RSS (VmHWM): {before/1024:.1f} MiB at start, {peak/1024:.1f} MiB after")
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
