#!/usr/bin/env bash
# Lays out what the operator image holds besides the application (Jib adds /app): a jlink'ed Java runtime in
# /opt/java, the shared libraries it links (the base image is scratch: no libc otherwise), and the /etc/passwd
# and /etc/group entries of the non-root user it runs as. Called by the Maven build (operator/pom.xml,
# package phase) with the output directory; Jib copies that directory into the image root.
#
#   assemble-runtime.sh OUT_DIR JAVA_HOME UID
set -euo pipefail

out="${1:?usage: assemble-runtime.sh OUT_DIR JAVA_HOME UID}"
java_home="${2:?JAVA_HOME}"
uid="${3:?UID}"

# The modules `jdeps --print-module-deps` finds in the shaded jar, plus jdk.crypto.ec: a security provider
# loaded as a service (no static reference), without which TLS to EC-keyed servers fails.
modules=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.security.jgss,java.sql
modules+=,jdk.httpserver,jdk.management,jdk.net,jdk.unsupported,jdk.crypto.ec

jlink="$java_home/bin/jlink"
[ -x "$jlink" ] || { echo "no jlink in $java_home: build the image with a full JDK 17 (not a JRE)" >&2; exit 1; }
[ -d "$java_home/jmods" ] || { echo "no $java_home/jmods: install the JDK's jmods (Debian: openjdk-17-jdk-headless)" >&2; exit 1; }

# Rebuilt only when this script or the JDK changed: jlink takes half a minute.
stamp="$(cat "$0" "$java_home/release" 2>/dev/null | sha256sum | cut -c1-16) uid=$uid"
if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "runtime for the image in $out: up to date"
  exit 0
fi

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc"
"$jlink" --add-modules "$modules" --output "$out/opt/java" --strip-debug --no-man-pages --no-header-files \
  --compress=2
# The JDK's cacerts may be a symlink into the build machine's /etc; the runtime needs the file itself.
if [ -L "$out/opt/java/lib/security/cacerts" ]; then
  cp --remove-destination "$(readlink -f "$out/opt/java/lib/security/cacerts")" "$out/opt/java/lib/security/cacerts"
fi

# java.desktop is there for java.beans only (Jackson, YAML): its native AWT, font, image and sound libraries are
# never loaded by a headless server and would pull X11, freetype and more into the image.
for lib in awt awt_headless awt_xawt fontmanager javajpeg jawt jsound lcms mlib_image splashscreen; do
  rm -f "$out/opt/java/lib/lib$lib.so"
done

# Every shared library the runtime's executables and libraries link, at the same path as on the build machine.
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
  xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^[[:space:]]*\/[^ ]*ld-linux/ {print $1}' | sort -u |
  while read -r lib; do
    case "$lib" in "$out"/*) continue ;; esac
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
# The loader is also needed under the path the executables name (/lib64 is a symlink on merged-/usr systems).
interp="$(readelf -l "$out/opt/java/bin/java" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')"
if [ -n "$interp" ] && [ ! -e "$out$interp" ]; then
  mkdir -p "$out$(dirname "$interp")"
  cp -L "$interp" "$out$interp"
fi

printf 'root:x:0:0:root:/nonexistent:/sbin/nologin\nekyc:x:%s:%s:ekyc-operator:/nonexistent:/sbin/nologin\n' \
  "$uid" "$uid" >"$out/etc/passwd"
printf 'root:x:0:\nekyc:x:%s:\n' "$uid" >"$out/etc/group"
echo "$stamp" >"$out/.stamp"
echo "runtime for the image in $out: $(du -sh "$out" | cut -f1)"
