"""Loads libmtasts_exim.so as Exim does (dlopen), asks, forks, asks again in the child and
in the parent: the module must reopen the cache in the child (LMDB handles do not survive
fork) and keep working in the parent. Prints one `who:status:answer` line per call.

usage: fork-module.py LIBRARY SETTINGS
"""
import ctypes
import os
import sys

library = ctypes.CDLL(sys.argv[1])
settings = sys.argv[2]


def call(function, *arguments):
    entry = getattr(library, function)
    entry.restype = ctypes.c_int
    result = ctypes.c_char_p()
    argv = (ctypes.c_char_p * (len(arguments) + 1))(*[a.encode() for a in arguments], None)
    status = entry(ctypes.byref(result), len(arguments), argv)
    return "%d:%s" % (status, (result.value or b"").decode())


print("parent:" + call("mtasts_policy", "example.com", settings), flush=True)
child = os.fork()
if child == 0:
    print("child:" + call("mtasts_policy", "example.com", settings), flush=True)
    print("child-mx:" + call("mtasts_valid_mx", "example.com", "evil.example.net", settings), flush=True)
    print("child-miss:" + call("mtasts_policy", "missed-in-child.example", settings), flush=True)
    print("child-again:" + call("mtasts_mx_hostlist", "example.com", settings), flush=True)
    os._exit(0)
_, status = os.waitpid(child, 0)
print("parent-after:" + call("mtasts_policy", "example.com", settings), flush=True)
sys.exit(0 if status == 0 else 1)
