"""Loads libmtasts_exim.so as Exim does (dlopen) and keeps asking in one process while
another process (the real mdb_load, as the prewarmer would) commits newer data: every
answer after the commit must reflect it, including for a domain already asked about.
Prints one `who:status:answer` line per call.

usage: fresh-module.py LIBRARY SETTINGS CACHE EXPIRE
"""
import ctypes
import subprocess
import sys

library = ctypes.CDLL(sys.argv[1])
settings, cache, expire = sys.argv[2], sys.argv[3], sys.argv[4]


def call(function, *arguments):
    entry = getattr(library, function)
    entry.restype = ctypes.c_int
    result = ctypes.c_char_p()
    argv = (ctypes.c_char_p * (len(arguments) + 1))(*[a.encode() for a in arguments], None)
    status = entry(ctypes.byref(result), len(arguments), argv)
    return "%d:%s" % (status, (result.value or b"").decode())


def load(pairs):
    text = "".join("%s\n%s\n" % pair for pair in pairs)
    subprocess.run(["mdb_load", "-n", "-T", cache], input=text.encode(), check=True)


for round in range(2):
    print("before:" + call("mtasts_policy", "example.com", settings), flush=True)
    print("before-mx:" + call("mtasts_mx_hostlist", "example.com", settings), flush=True)
    print("before-failed:" + call("mtasts_policy", "failed.example", settings), flush=True)
load([("example.com:mode", "testing"), ("example.com:mx", "mx.new.example"),
      ("failed.example:mode", "enforce"), ("failed.example:mx", "mx.failed.example"),
      ("failed.example:expire", expire), ("failed.example:id", "new")])
print("after:" + call("mtasts_policy", "example.com", settings), flush=True)
print("after-mx:" + call("mtasts_mx_hostlist", "example.com", settings), flush=True)
print("after-failed:" + call("mtasts_policy", "failed.example", settings), flush=True)
print("after-valid-mx:" + call("mtasts_valid_mx", "failed.example", "mx.elsewhere.example", settings), flush=True)
