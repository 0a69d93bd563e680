#!/usr/bin/env python3
"""Test peer for plancheck's DEFLATE decoder and ZIP reader (Tests/PlanCheckKitTests/InflateTests.swift).

  zlib_peer.py deflate IN PREFIX   writes PREFIX.<config> raw DEFLATE streams of IN, one per
                                   zlib level/strategy/window (stored, fixed, dynamic blocks ...)
  zlib_peer.py inflate IN OUT      raw-inflates IN into OUT (to cross-check hand-made streams)
  zlib_peer.py zip OUT SPEC...     writes a ZIP archive; SPEC is name:stored|deflated:SRC
  zlib_peer.py manyzip OUT N       writes a ZIP archive of N tiny entries (N > 65535 -> ZIP64 end record)
"""
import sys, zlib, zipfile

CONFIGS = {
    "stored": (0, zlib.Z_DEFAULT_STRATEGY, 15),
    "fast": (1, zlib.Z_DEFAULT_STRATEGY, 15),
    "default": (6, zlib.Z_DEFAULT_STRATEGY, 15),
    "best": (9, zlib.Z_DEFAULT_STRATEGY, 15),
    "fixed": (6, zlib.Z_FIXED, 15),
    "huffman": (6, zlib.Z_HUFFMAN_ONLY, 15),
    "rle": (6, zlib.Z_RLE, 15),
    "filtered": (6, zlib.Z_FILTERED, 15),
    "window9": (9, zlib.Z_DEFAULT_STRATEGY, 9),
}

mode = sys.argv[1]
if mode == "deflate":
    data = open(sys.argv[2], "rb").read()
    for name, (level, strategy, wbits) in CONFIGS.items():
        c = zlib.compressobj(level, zlib.DEFLATED, -wbits, 9, strategy)
        open(sys.argv[3] + "." + name, "wb").write(c.compress(data) + c.flush())
elif mode == "inflate":
    open(sys.argv[3], "wb").write(zlib.decompress(open(sys.argv[2], "rb").read(), -15))
elif mode == "zip":
    with zipfile.ZipFile(sys.argv[2], "w") as z:
        for spec in sys.argv[3:]:
            name, method, src = spec.split(":", 2)
            kind = zipfile.ZIP_STORED if method == "stored" else zipfile.ZIP_DEFLATED
            z.write(src, name, compress_type=kind)
elif mode == "manyzip":
    with zipfile.ZipFile(sys.argv[2], "w") as z:
        for i in range(int(sys.argv[3])):
            z.writestr("e%d.txt" % i, "entry %d" % i)
else:
    sys.exit("unknown mode " + mode)
