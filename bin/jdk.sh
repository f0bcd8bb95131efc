# Sourced by ./mqvio, ./mvnw and .ci/run: makes sure a JDK 21 or newer is the one used.
# Keeps JAVA_HOME (or the java on PATH) when it is 21+, else picks the newest JDK 21+ under /usr/lib/jvm.
# The major version of the java binary $1: from its JDK's release file (every JDK since 9 has one) when present,
# which costs no JVM start (half a second of CPU on every ./mqvio run otherwise), else by asking the JVM. The release
# file is read with bash's own read and case: each launch calls this for every JDK it looks at, and each process
# started costs a few milliseconds of CPU (more on a loaded machine).
java_major() {
  local bin line
  bin=$(readlink -f "$1")
  if [ -f "${bin%/bin/*}/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=\"[0-9]*) line=${line#JAVA_VERSION=\"}; echo "${line%%[!0-9]*}"; return ;;
      esac
    done < "${bin%/bin/*}/release"
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
mqvio_select_jdk() {
  local java_bin
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_bin="$JAVA_HOME/bin/java"; else java_bin=$(command -v java || true); fi
  if [ -n "$java_bin" ] && [ "$(java_major "$java_bin")" -ge 21 ] 2>/dev/null; then
    [ -n "${JAVA_HOME:-}" ] || export JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java_bin")")")
    return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/ /opt/java/*/ "$HOME"/.sdkman/candidates/java/*/; do
    [ -x "${candidate}bin/java" ] && [ -x "${candidate}bin/javac" ] || continue
    major=$(java_major "${candidate}bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="${candidate%/}"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "mqvio needs a JDK 21 or newer; found only ${java_bin:-no java}. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
# Maven 3.9's own dependency injection calls sun.misc.Unsafe, which JDK 24+ warns about on every build
# (JEP 471/498): allow it for Maven's JVM only, on the JDKs that know the option (23+). Our code never uses it.
mqvio_quiet_maven_on_new_jdks() {
  local java_bin="${JAVA_HOME:+$JAVA_HOME/bin/java}"
  [ -n "$java_bin" ] || java_bin=$(command -v java || true)
  [ -n "$java_bin" ] || return 0
  if [ "$(java_major "$java_bin")" -ge 23 ] 2>/dev/null; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
