#!/usr/bin/env python3
"""A rank for the launcher's tests: a small PMI-1 client (MPICH's "simple" wire protocol, port mode).

Usage: pmi_rank.py PID_DIR SCENARIO [ARGS...]
PID_DIR ('-' for none) receives rank-<r> (this pid) and child-<r> (the pid of a `sleep` child in the
rank's process group), so that a test can check that nothing survives the job.
Any mismatch with the expected protocol reply ends the rank with exit code 10.
"""
import os
import signal
import socket
import subprocess
import sys
import time

RANK = int(os.environ.get("PMI_RANK", "0"))
SIZE = int(os.environ.get("PMI_SIZE", "1"))


def fail(msg):
    print(f"rank {RANK}: {msg}", file=sys.stderr, flush=True)
    sys.exit(10)


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


class Pmi:
    def __init__(self):
        host, port = os.environ["PMI_PORT"].rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)))
        self.reader = self.sock.makefile("rb")

    def send(self, line):
        self.sock.sendall(line.encode("latin-1") + b"\n")

    def recv(self):
        line = self.reader.readline()
        if not line:
            fail("EOF from the PMI server")
        return line.decode("latin-1").rstrip("\n")

    def call(self, line, expect=None):
        self.send(line)
        reply = self.recv()
        if expect is not None and reply != expect:
            fail(f"sent {line[:60]!r}, got {reply[:200]!r}, expected {expect[:200]!r}")
        return reply

    def handshake(self):
        pmiid = os.environ["PMI_ID"]
        self.call(f"cmd=initack pmiid={pmiid}", "cmd=initack")
        for want in (f"cmd=set size={SIZE}", f"cmd=set rank={RANK}", "cmd=set debug=0"):
            got = self.recv()
            if got != want:
                fail(f"initack reply {got!r}, expected {want!r}")
        self.call("cmd=init pmi_version=1 pmi_subversion=1",
                  "cmd=response_to_init pmi_version=1 pmi_subversion=1 rc=0")
        self.call("cmd=get_maxes", "cmd=maxes kvsname_max=256 keylen_max=64 vallen_max=1024")
        kvs = self.call("cmd=get_my_kvsname")
        if not kvs.startswith("cmd=my_kvsname kvsname="):
            fail(f"kvsname reply {kvs!r}")
        self.kvs = kvs.split("kvsname=", 1)[1]

    def barrier(self):
        self.call("cmd=barrier_in", "cmd=barrier_out")

    def put(self, key, value):
        self.call(f"cmd=put kvsname={self.kvs} key={key} value={value}", "cmd=put_result rc=0 msg=success")

    def get(self, key):
        return self.call(f"cmd=get kvsname={self.kvs} key={key}")

    def finalize(self):
        self.call("cmd=finalize", "cmd=finalize_ack")
        self.sock.close()


def card(rank, epoch):
    # Spaces and a length over 1024 on purpose: the server must keep value= to the end of the line.
    return f"card {rank} epoch {epoch}  " + ("%02X" % rank) * 700 + " "


def conversation(barriers):
    pmi = Pmi()
    pmi.handshake()
    pmi.call("cmd=get_appnum", "cmd=appnum appnum=0")
    pmi.call("cmd=get_universe_size", f"cmd=universe_size size={SIZE}")
    pmi.call(f"cmd=get kvsname={pmi.kvs} key=PMI_process_mapping",
             f"cmd=get_result rc=0 msg=success value=(vector,(0,1,{SIZE}))")
    for epoch in range(barriers):
        pmi.put(f"card-{RANK}-{epoch}", card(RANK, epoch))
        pmi.barrier()
        # Everything put before this barrier, by every rank, must now be visible.
        for peer in range(SIZE):
            pmi.call(f"cmd=get kvsname={pmi.kvs} key=card-{peer}-{epoch}",
                     f"cmd=get_result rc=0 msg=success value={card(peer, epoch)}")
    pmi.call(f"cmd=get kvsname={pmi.kvs} key=nokey",
             "cmd=get_result rc=-1 msg=key_nokey_not_found value=unknown")
    pmi.finalize()
    print(f"rank {RANK} of {SIZE}: conversation ok after {barriers} barriers", flush=True)


def intrude(port_value):
    """Rank 0 only: what strangers may send to a PMI port, each on its own connection."""
    host, port = port_value.rsplit(":", 1)
    junk = [
        b"\x00\xff\xfe garbage \x01\x02\n",
        b"hello there\n",
        b"cmd=initack pmiid=0\n",          # a rank's number is no id
        b"cmd=initack pmiid=%d\n" % (SIZE + 5),
        # Issue 13's attack: claim rank 1 by its number, read the KVS, end the job.
        b"cmd=initack pmiid=1\ncmd=init pmi_version=1 pmi_subversion=1\n"
        b"cmd=get kvsname=kvs key=picluster-addr-0\ncmd=abort exitcode=9\n",
        b"cmd=initack pmiid=%s\n" % os.environ["PMI_ID"].encode(),  # rank 0's own id, taken
        b"x" * (1 << 21),                  # 2 MiB without a newline
    ]
    conns = []
    for data in junk:
        s = socket.create_connection((host, int(port)))
        try:
            s.sendall(data)
        except OSError:
            pass  # the server may close a long line's connection while we still write
        conns.append(s)
    for s in conns:
        expect_closed_unanswered(s)
    # Another local address guesses ids until it gets no more tries; the last is closed unread.
    for guess in range(1, 18):
        s = socket.create_connection((host, int(port)), source_address=("127.0.0.2", 0))
        try:
            s.sendall(b"cmd=initack pmiid=%d\n" % guess)
        except OSError:
            pass
        expect_closed_unanswered(s)


def expect_closed_unanswered(s):
    s.settimeout(30)
    try:
        # A refused connection gets closed without an initack reply.
        data = s.recv(100)
        if data:
            fail(f"refused connection got a reply {data!r}")
    except ConnectionResetError:
        pass
    s.close()


def conversation_with_intruders(barriers):
    if RANK == 0:
        pmi = Pmi()
        pmi.handshake()
        intrude(os.environ["PMI_PORT"])
        pmi.barrier()
        for _ in range(barriers - 1):
            pmi.barrier()
        pmi.finalize()
    else:
        pmi = Pmi()
        pmi.handshake()
        for _ in range(barriers):
            pmi.barrier()
        pmi.finalize()
    print(f"rank {RANK}: done", flush=True)


def hang(stubborn):
    """Connect, init, and wait in a barrier that never completes (a victim never enters it)."""
    if stubborn:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    pmi = Pmi()
    pmi.handshake()
    pmi.send("cmd=barrier_in")
    pmi.reader.readline()
    time.sleep(300)


def victim(pid_dir, what, arg):
    pmi = Pmi()
    pmi.handshake()
    if pid_dir != "-":
        write_atomically(os.path.join(pid_dir, "victim-time"), repr(time.time()))
    if what == "exit":
        os._exit(int(arg))
    if what == "sigkill":
        os.kill(os.getpid(), signal.SIGKILL)
    if what == "abort":
        pmi.send(f"cmd=abort exitcode={arg}")
        time.sleep(300)  # abort gets no reply; the launcher kills us
    fail(f"unknown victim action {what}")


def record_pids(pid_dir):
    if pid_dir == "-":
        return
    child = subprocess.Popen(["sleep", "300"])
    write_atomically(os.path.join(pid_dir, f"child-{RANK}"), str(child.pid))
    write_atomically(os.path.join(pid_dir, f"rank-{RANK}"), str(os.getpid()))


def main():
    pid_dir, scenario, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    if scenario == "conversation":
        conversation(int(args[0]))
    elif scenario == "intruders":
        conversation_with_intruders(int(args[0]))
    elif scenario == "fail":
        # fail VICTIM ACTION ARG [stubborn]: the victim fails after init, the others hang.
        record_pids(pid_dir)
        if RANK == int(args[0]):
            victim(pid_dir, args[1], args[2] if len(args) > 2 else "")
        else:
            hang(stubborn=len(args) > 3 and args[3] == "stubborn")
    elif scenario == "hang":
        record_pids(pid_dir)
        hang(stubborn=False)
    elif scenario == "identity":
        print(f"rank {RANK} pid={os.getpid()} pgid={os.getpgid(0)} sid={os.getsid(0)} ppid={os.getppid()}", flush=True)
        for name in ("PMI_PORT", "PMI_ID", "PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS", "MPI_LOCALRANKID",
                     "PMI_FD", "EXTRA_ONE", "EXTRA_TWO", "PICLUSTER_JOB_SECRET"):
            print(f"rank {RANK} env {name}={os.environ.get(name, '<unset>')}", flush=True)
    elif scenario == "output":
        out, err = sys.stdout, sys.stderr
        out.write(f"first line from {RANK}\n")
        out.flush()
        out.write(f"half a line from {RANK}")
        out.flush()
        time.sleep(0.2)
        out.write(f" and the rest from {RANK}\n")
        out.write(("%d" % RANK) * 100000 + "\n")
        out.flush()
        err.write(f"error line from {RANK}\n")
        err.flush()
        out.write(f"tail without newline from {RANK}")
        out.flush()
    elif scenario == "stdin":
        lines = sys.stdin.read().splitlines()
        print(f"rank {RANK} read {len(lines)} lines: {'|'.join(lines)}", flush=True)
    else:
        fail(f"unknown scenario {scenario}")


if __name__ == "__main__":
    main()
