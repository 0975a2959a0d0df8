# Sourced (POSIX sh) by ./mvnw and ./bursar: make JAVA_HOME a JDK >= 21 when the current one is older.
# Order: JAVA_HOME, the java on PATH, then the usual install folders, newest first.
bursar_java_major() {
  # The JDK's release file answers without starting a JVM; ask java itself only when it is missing.
  if [ -f "$1/release" ]; then
    _brel=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n1)
    if [ -n "$_brel" ]; then echo "$_brel"; return 0; fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}
bursar_jdk_ok() {
  [ -x "$1/bin/javac" ] || return 1
  _bv=$(bursar_java_major "$1")
  [ -n "$_bv" ] && [ "$_bv" -ge 21 ] 2>/dev/null
}
bursar_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && bursar_jdk_ok "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    _bc=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if bursar_jdk_ok "$_bc"; then JAVA_HOME="$_bc"; export JAVA_HOME; return 0; fi
  fi
  case $- in *f*) _bnoglob=1 ;; *) _bnoglob= ;; esac
  set +f
  for _bc in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "${HOME:-/root}"/.sdkman/candidates/java/* "${HOME:-/root}"/.jdks/* 2>/dev/null | sort -rV); do
    if bursar_jdk_ok "$_bc"; then JAVA_HOME="$_bc"; export JAVA_HOME; [ -n "$_bnoglob" ] && set -f; return 0; fi
  done
  [ -n "$_bnoglob" ] && set -f
  echo "bursar: no JDK >= 21 found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
  echo "bursar: install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME." >&2
  return 1
}
bursar_find_jdk || exit 1
# Maven's bundled Guice/Guava warn on JDK 24+ about sun.misc.Unsafe; silence that noise only where the flag exists.
_bv=$(bursar_java_major "$JAVA_HOME")
if [ "${_bv:-0}" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;; esac
fi
