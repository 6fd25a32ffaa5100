# Sourced by ./warden and .ci/run: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $WARDEN_JAVA_HOME, $JAVA_HOME (if >= 21), then the newest JDK under /usr/lib/jvm.
warden_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}
warden_find_jdk() {
  local candidate major
  for candidate in "${WARDEN_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -V -r); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(warden_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
if ! WARDEN_JDK=$(warden_find_jdk); then
  echo "warden: no JDK 21 or newer found (looked at \$WARDEN_JAVA_HOME, \$JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "warden: install one (for example Temurin 25) or set WARDEN_JAVA_HOME to its directory." >&2
  exit 1
fi
export JAVA_HOME="$WARDEN_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own bundled guava touches sun.misc.Unsafe; silence that warning on JDK 24+.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
