#!/usr/bin/env bash
# Builds the Debian package of Permanence with plain dpkg-deb (no cargo-deb, no debhelper).
#
#   scripts/build-deb.sh [--binary PATH] [--version VERSION] [--out DIR]
#
#   --binary   the permanence binary to package (default: target/release/permanence, or
#              $CARGO_TARGET_DIR/release/permanence, built with `cargo build --release --locked`
#              when missing)
#   --version  the package version (default: the version in Cargo.toml)
#   --out      where to write permanence_VERSION_ARCH.deb (default: target/deb)
#
# Environment: DEB_MAINTAINER (the Maintainer field), STRIP=0 to keep the binary's symbols.
# Prints the path of the package on its last line.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=""
version=""
out="$repo/target/deb"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --binary=*) binary=${1#*=}; shift ;;
        --version) version=${2:?--version needs a value}; shift 2 ;;
        --version=*) version=${1#*=}; shift ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --out=*) out=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build-deb: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

die() { echo "build-deb: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg install sed awk gzip; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install dpkg-dev)"
done

if [ -z "$version" ]; then
    version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n1)
    [ -n "$version" ] || die "cannot read the version from Cargo.toml"
fi
# Debian versions: digits first, then letters, digits and + . ~ - (no '-': there is no Debian
# revision here, the package is native).
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "not a usable Debian version: $version"

if [ -z "$binary" ]; then
    binary="${CARGO_TARGET_DIR:-$repo/target}/release/permanence"
    if [ ! -x "$binary" ]; then
        echo "build-deb: $binary is missing: cargo build --release --locked" >&2
        (cd "$repo" && cargo build --release --locked --bin permanence)
    fi
fi
[ -x "$binary" ] || die "not an executable: $binary"
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")

arch=$(dpkg --print-architecture)
mkdir -p "$out"
out=$(cd "$out" && pwd)
deb="$out/permanence_${version}_${arch}.deb"

work=$(mktemp -d "${TMPDIR:-/tmp}/permanence-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/DEBIAN"

# The binary (stripped, as Debian installs binaries, unless STRIP=0).
install -D -m 0755 "$binary" "$root/usr/bin/permanence"
if [ "${STRIP:-1}" != 0 ] && command -v strip >/dev/null; then
    strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/permanence"
fi

# The systemd units.
for unit in "$repo"/packaging/systemd/*.service "$repo"/packaging/systemd/*.target; do
    install -D -m 0644 "$unit" "$root/lib/systemd/system/$(basename "$unit")"
done

# The configuration: what the binary's own `init` writes (commented, French and English),
# kept as it is. A conffile: dpkg keeps the administrator's changes on upgrade.
gen="$work/init"
mkdir -p "$gen"
"$root/usr/bin/permanence" --help | grep -q -- '--config' ||
    die "this binary has no --config option: too old to be packaged"
"$root/usr/bin/permanence" --data "$gen/data" --config "$gen/permanence.toml" -q init >/dev/null ||
    die "permanence init --config failed"
config="$gen/permanence.toml"
[ -s "$config" ] || die "permanence init wrote no configuration"
install -D -m 0640 "$config" "$root/etc/permanence/permanence.toml"
chmod 0750 "$root/etc/permanence"
printf '/etc/permanence/permanence.toml\n' >"$root/DEBIAN/conffiles"

# The default rules, as shipped (the data directory gets its own copy on first use).
mkdir -p "$root/usr/share/permanence"
cp -R "$repo/rules" "$root/usr/share/permanence/rules"
find "$root/usr/share/permanence" -type d -exec chmod 0755 {} + \
    -o -type f -exec chmod 0644 {} +

# Documentation.
doc="$root/usr/share/doc/permanence"
install -D -m 0644 "$repo/packaging/debian/copyright" "$doc/copyright"
install -m 0644 "$repo/README.md" "$doc/README.md"
# The install guide is the README's section « Installer sur un serveur » (one text, two places).
sed -n '/^## Installer sur un serveur/,/^## /p' "$repo/README.md" | sed '$d' >"$doc/INSTALL.fr.md"
chmod 0644 "$doc/INSTALL.fr.md"
grep -q '^## Installer sur un serveur' "$doc/INSTALL.fr.md" || { echo "build-deb: no « Installer sur un serveur » section in README.md" >&2; exit 1; }
printf 'permanence (%s) unstable; urgency=medium\n\n  * Built from the Permanence repository (scripts/build-deb.sh).\n\n -- %s  %s\n' \
    "$version" "${DEB_MAINTAINER:-Permanence <permanence@localhost>}" \
    "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")" | gzip -9n >"$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

# Maintainer scripts.
for script in postinst prerm postrm; do
    install -m 0755 "$repo/packaging/debian/$script" "$root/DEBIAN/$script"
done

# Depends: the shared libraries the binary links (dpkg-shlibdeps when dpkg-dev is here,
# else ldd and the packages that own what it lists).
shlibs=""
if command -v dpkg-shlibdeps >/dev/null; then
    mkdir -p "$work/src/debian"
    printf 'Source: permanence\n\nPackage: permanence\nArchitecture: any\n' >"$work/src/debian/control"
    shlibs=$(cd "$work/src" && dpkg-shlibdeps -O -e"$root/usr/bin/permanence" 2>/dev/null |
        sed -n 's/^shlibs:Depends=//p')
fi
if [ -z "$shlibs" ]; then
    command -v ldd >/dev/null || die "neither dpkg-shlibdeps nor ldd is available"
    pkgs=$(ldd "$root/usr/bin/permanence" | awk '$3 ~ /^\// {print $3}' | while read -r lib; do
        dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true
    done | cut -d: -f1 | sort -u)
    glibc=$(grep -ao 'GLIBC_2\.[0-9]*' "$root/usr/bin/permanence" | sort -uV | tail -n1 | sed 's/GLIBC_//')
    for p in $pkgs; do
        if [ "$p" = libc6 ] && [ -n "$glibc" ]; then p="libc6 (>= $glibc)"; fi
        shlibs="${shlibs:+$shlibs, }$p"
    done
    case "$shlibs" in *libc6*) ;; *) shlibs="libc6${shlibs:+, $shlibs}" ;; esac
fi

installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: permanence
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-Permanence <permanence@localhost>}
Installed-Size: $installed_size
Depends: $shlibs, adduser | passwd, ca-certificates
Recommends: poppler-utils, tesseract-ocr, tesseract-ocr-fra, catdoc
Suggests: nginx
Section: mail
Priority: optional
Description: files the inbound mail of a French parliamentary office
 Permanence keeps a local data directory in step with the office's IMAP
 mailboxes, keeps every original message, recognises which elected official
 wrote it, tags themes and communes, files requests into cases for a morning
 triage queue, reads attachments (PDF, OCR of scanned letters, Office
 documents, invitations) in a sandboxed child process, and indexes it all with
 French full-text search. A staff web interface comes with it.
 .
 Services: permanence-daemon (IMAP), permanence-web (web interface), both
 grouped by permanence.target. Data: /var/lib/permanence (kept on purge).
 Configuration: /etc/permanence/permanence.toml.
EOF

# Directories 0755 except /etc/permanence (0750: root:permanence is set by postinst).
find "$root" -path "$root/etc/permanence" -prune -o -type d -exec chmod 0755 {} +
dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null
echo "$deb"
