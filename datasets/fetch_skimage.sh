#!/bin/sh
# fetch_skimage.sh DEST: copy scikit-image's sample photographs and textures into DEST (normally
# datasets/skimage/), without installing scikit-image or any Python package.
#
# Source: the Debian package python3-skimage (bookworm: 0.19.3-8), whose skimage/data/ folder ships the
# images. `apt-get download` fetches the .deb into a temporary folder (no root needed, nothing is
# installed) and `dpkg-deb -x` unpacks it there; the PNGs below are copied and each is checked against
# its SHA-256. A file that does not match is deleted and the script exits non-zero. The files are never
# committed (datasets/skimage/ is git-ignored).
set -eu

PACKAGE=python3-skimage
DATA=usr/lib/python3/dist-packages/skimage/data

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 DEST" >&2
    exit 2
fi
DEST=$1

for tool in apt-get dpkg-deb sha256sum mktemp; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "fetch_skimage.sh: $tool is not available, so the images cannot be fetched (this needs a Debian" >&2
        echo "  system). Copy astronaut.png, chelsea.png, coffee.png, camera.png, brick.png, grass.png and" >&2
        echo "  gravel.png from scikit-image's skimage/data/ folder into $DEST by hand." >&2
        exit 3
    fi
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

echo "fetch_skimage.sh: apt-get download $PACKAGE (about 21 MB; nothing is installed) ..." >&2
if ! (cd "$TMP" && apt-get download -q "$PACKAGE" >/dev/null 2>"$TMP/apt.log"); then
    cat "$TMP/apt.log" >&2
    echo "fetch_skimage.sh: 'apt-get download $PACKAGE' failed: is a Debian mirror reachable (are you offline)?" >&2
    echo "  Run 'apt-get update' if the package is unknown, or copy the PNGs into $DEST by hand." >&2
    exit 4
fi
DEB=$(ls "$TMP"/python3-skimage_*.deb 2>/dev/null | head -n 1)
if [ -z "$DEB" ] || ! dpkg-deb -x "$DEB" "$TMP/x"; then
    echo "fetch_skimage.sh: the downloaded package could not be unpacked" >&2
    exit 4
fi

mkdir -p "$DEST"
status=0
# file name and the SHA-256 of scikit-image 0.19.3's copy.
while read -r name sha; do
    src="$TMP/x/$DATA/$name"
    if [ ! -f "$src" ]; then
        echo "fetch_skimage.sh: $PACKAGE does not contain skimage/data/$name" >&2
        status=5
        continue
    fi
    cp "$src" "$DEST/$name.part"
    actual=$(sha256sum "$DEST/$name.part" | cut -d' ' -f1)
    if [ "$actual" != "$sha" ]; then
        rm -f "$DEST/$name.part"
        echo "fetch_skimage.sh: REFUSED $name: SHA-256 $actual, expected $sha (file deleted)" >&2
        status=5
        continue
    fi
    mv "$DEST/$name.part" "$DEST/$name"
    echo "fetch_skimage.sh: $DEST/$name OK" >&2
done <<LIST
astronaut.png 88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5
chelsea.png 596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb
coffee.png cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7
camera.png b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a
brick.png 7966caf324f6ba843118d98f7a07746d22f6a343430add0233eca5f6eaaa8fcf
grass.png b6b6022426b38936c43a4ac09635cd78af074e90f42ffa8227ac8b7452d39f89
gravel.png c48615b451bf1e606fbd72c0aa9f8cc0f068ab7111ef7d93bb9b0f2586440c12
LIST

exit $status
