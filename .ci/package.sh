#!/usr/bin/env bash
# Builds plancheck for machines without a Swift toolchain and packs it:
#
#   .ci/package.sh [OUTDIR]        # default OUTDIR: dist/ (gitignored)
#
# 1. a release build with the Swift standard library and Foundation linked statically
#    (--static-swift-stdlib; libstdc++ and libgcc too), in its own build folder (.build-pkg/) so it
#    does not disturb .build/;
# 2. checks with ldd that the binary needs only the C library family (libc, libm, libpthread,
#    libdl, librt, libutil, the dynamic loader; libstdc++/libgcc_s would need a C++ runtime on the
#    target and are refused);
# 3. packs it with Checks/, SampleData/ and the README into plancheck-VERSION-linux-x86_64.tar.gz;
# 4. unpacks the tarball into a temporary folder and runs the packed binary there with no Swift on
#    PATH (env -i PATH=/usr/bin:/bin) against the bundled sample: it must print the sample's summary
#    (158 checks, 146 met, 12 missed) and exit 1 (the sample has deliberate shortfalls).
#
# Exit 0 when all of that holds; the tarball's path is the last line printed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${1:-$ROOT/dist}"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

VERSION=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/PlanCheckKit/CLI/CLI.swift)
[ -n "$VERSION" ] || { echo "package.sh: no version found in Sources/PlanCheckKit/CLI/CLI.swift" >&2; exit 2; }
ARCH=$(uname -m)
NAME="plancheck-$VERSION-linux-$ARCH"

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-pkg-XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

# The static Swift runtime asks for -lstdc++ (Foundation's ICU is C++). A folder searched first
# that holds only libstdc++.a makes that one static too; -static-libgcc does the same for libgcc.
LIBSTDCXX=$(clang -print-file-name=libstdc++.a 2>/dev/null || gcc -print-file-name=libstdc++.a)
[ -f "$LIBSTDCXX" ] || { echo "package.sh: no static libstdc++.a found (install libstdc++-dev for your gcc)" >&2; exit 2; }
# (A fixed path, so that a second run reuses the build.)
STATIC="$ROOT/.build-pkg/static-cxx"
mkdir -p "$STATIC"
ln -sf "$LIBSTDCXX" "$STATIC/libstdc++.a"
FLAGS=(-c release --product plancheck --static-swift-stdlib --scratch-path .build-pkg
       -Xlinker -L"$STATIC" -Xswiftc -Xclang-linker -Xswiftc -static-libgcc)

echo "== building $NAME (release; Swift runtime, Foundation, libstdc++ and libgcc linked statically)"
swift build "${FLAGS[@]}"
BIN=$(swift build "${FLAGS[@]}" --show-bin-path)/plancheck

echo "== shared libraries the binary needs (ldd)"
ldd "$BIN" | sed 's/^/   /'
# Anything not in the C library family fails the build.
bad=$(ldd "$BIN" | awk '{print $1}' | grep -Ev '^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|/lib/ld-linux-aarch64\.so\.1|ld-linux-[a-z0-9-]+\.so\.[0-9]+|lib(c|m|pthread|dl|rt|util|resolv)\.so\.[0-9.]+)$' || true)
if [ -n "$bad" ]; then
    echo "package.sh: the binary needs libraries outside the C library family:" >&2
    echo "$bad" | sed 's/^/   /' >&2
    exit 1
fi

# The C library is linked dynamically (as it must be), so the binary needs a glibc at least as new
# as the newest symbol version it uses: build on the oldest system you need to support.
GLIBC_NEEDED=$(objdump -T "$BIN" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1 || true)
echo "   needs glibc ${GLIBC_NEEDED:-(objdump missing: unknown)} or later"

echo "== packing"
mkdir "$STAGE/$NAME"
cp "$BIN" "$STAGE/$NAME/plancheck"
strip "$STAGE/$NAME/plancheck" 2>/dev/null || true
cp -R Checks SampleData README.md "$STAGE/$NAME/"
TARBALL="$OUT/$NAME.tar.gz"
# Stable order, owner and times, so the same code packs the same way.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2022-01-01 00:00:00' \
    -C "$STAGE" -czf "$TARBALL.tmp" "$NAME"
mv "$TARBALL.tmp" "$TARBALL"

echo "== running the packed binary with no Swift on PATH"
RUN="$STAGE/run"
mkdir "$RUN"
tar -C "$RUN" -xzf "$TARBALL"
code=0
(cd "$RUN/$NAME" && env -i PATH=/usr/bin:/bin LANG=C ./plancheck check \
    --plan Checks/000-street-party-building-2022.csv --plan Checks/001-street-office-party-committee-2022.csv \
    --roster SampleData/roster-units.csv --roster SampleData/roster-people.csv --as-of 2022-12-31 SampleData/records) \
    > "$STAGE/out.txt" || code=$?
summary=$(tail -n 1 "$STAGE/out.txt")
echo "   $summary"
echo "   exit $code"
if env -i PATH=/usr/bin:/bin sh -c 'command -v swift' > /dev/null; then
    echo "package.sh: swift is on /usr/bin:/bin, so this run does not prove the binary runs without a toolchain" >&2
    exit 1
fi
case "$summary" in
    *158*146*12*) ;;
    *) echo "package.sh: unexpected summary from the packed binary: $summary" >&2; exit 1 ;;
esac
[ "$code" = 1 ] || { echo "package.sh: the packed binary exited $code on the sample, expected 1 (deliberate shortfalls)" >&2; exit 1; }
ls -l "$TARBALL" | awk '{print "   " $5 " bytes"}'
echo "$TARBALL"
