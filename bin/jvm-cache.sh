# Sourced by ./mqvio (after bin/jdk.sh): the JVM's cache of the command line's classes (issue 17). Without it every
# start reads, verifies and links the same few thousand classes from the jars (about a second of CPU for `paper`).
# The cache holds them ready to map: on JDK 25 and newer an AOT cache (JEP 483; it also keeps the method profiles of the
# run that made it, JEP 515, so the JIT compiles hot methods sooner), on JDK 21 to 24 a dynamic CDS archive (JEP 350).
# A training run makes it (one line says so at a terminal, nothing otherwise) when it is missing or older than a jar of the module path, the JDK or this file:
# `paper` at 1 ms per point and 4 jobs at most, which loads what every command uses (stacks, providers, reports, JSON, charts).
# It lives under harness/cli/target, so a clean build removes it. It never changes what a command prints or writes: the
# JVM checks it against the JDK, the module path and its own options and ignores it when they differ; its messages
# about the cache are turned off, so an ignored cache is slower, never louder.
#   MQVIO_JVM_CACHE=off   no cache (neither made nor used)
#   MQVIO_JVM_CACHE=cds   a CDS archive even on JDK 25+ (how the JDK 21 path is tested on a newer JDK)
#   MQVIO_JVM_CACHE_DIR   where the cache lives (default harness/cli/target/jvm-cache)
#   MQVIO_JVM_CACHE_TRAINING  the training run's arguments instead of paper's (the launcher's tests train on a cheap
#                         command)

# mqvio_jvm_cache ROOT MODULE_PATH MAIN: sets the array mqvio_jvm_cache_options to the java options that use the cache
# for `java -p MODULE_PATH -m MAIN` (empty when there is none), making the cache first if it is missing or stale.
mqvio_jvm_cache() {
  local root=$1 module_path=$2 main=$3
  mqvio_jvm_cache_options=()
  local kind=${MQVIO_JVM_CACHE:-}
  [ "$kind" != off ] || return 0
  local major
  major=$(java_major "$JAVA_HOME/bin/java")
  [ -n "$major" ] || return 0
  if [ -z "$kind" ]; then
    if [ "$major" -ge 25 ]; then kind=aot; else kind=cds; fi
  fi
  [ "$kind" = aot ] || [ "$kind" = cds ] || { echo "mqvio: MQVIO_JVM_CACHE=$kind is invalid; allowed: off, aot, cds" >&2; exit 2; }
  [ "$kind" = cds ] || [ "$major" -ge 25 ] || kind=cds
  local dir=${MQVIO_JVM_CACHE_DIR:-$root/harness/cli/target/jvm-cache}
  # One cache per JDK installation, named after its resolved path (a link such as default-java may point elsewhere
  # tomorrow): a cache of another JDK would be ignored.
  local jdk
  jdk=$(readlink -f "$JAVA_HOME" 2>/dev/null) || jdk=$JAVA_HOME
  jdk=${jdk%/}
  local cache="$dir/mqvio-$kind-${jdk//[!A-Za-z0-9._-]/_}.$kind"
  local make use
  if [ "$kind" = aot ]; then
    make=-XX:AOTCacheOutput
    # The JDK's messages about an AOT cache are tagged aot, those about the CDS archive under it cds.
    use=("-XX:AOTCache=$cache" "-Xlog:aot*=off" "-Xlog:cds*=off")
  else
    make=-XX:ArchiveClassesAtExit
    use=("-XX:SharedArchiveFile=$cache" "-Xlog:cds*=off")
  fi
  # The stamp says when a cache was last made (or tried: a JDK that cannot make one is not asked at every start).
  local stamp="$cache.made" jars
  IFS=: read -r -a jars <<< "$module_path"
  if [ ! -f "$stamp" ] || [ -n "$(find "${jars[@]}" "$JAVA_HOME/release" "$root/bin/jvm-cache.sh" -newer "$stamp" \
      -print -quit 2>/dev/null)" ]; then
    if mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
      local tmp="$cache.$$" training
      training=(paper --runtime=1ms --max-jobs=4 --out-dir "$tmp.out")
      [ -z "${MQVIO_JVM_CACHE_TRAINING:-}" ] || read -r -a training <<< "$MQVIO_JVM_CACHE_TRAINING"
      # Said only to a person at a terminal (scripts and tests see the command's own output alone).
      [ ! -t 2 ] || echo "mqvio: preparing the JVM's class cache (once per build, a few seconds)..." >&2
      # Interrupted, it leaves no temporary files and no stamp, so the next start tries again.
      trap 'rm -rf "$tmp" "$tmp.out" "$tmp.config"; exit 130' INT TERM
      "$JAVA_HOME/bin/java" "$make=$tmp" "${use[@]:1}" -p "$module_path" -m "$main" "${training[@]}" \
        >/dev/null 2>&1 </dev/null || true
      trap - INT TERM
      rm -rf "$tmp.out" "$tmp.config"
      if [ -s "$tmp" ]; then mv -f "$tmp" "$cache"; else rm -f "$tmp"; fi
      touch "$stamp" 2>/dev/null || true
    fi
  fi
  if [ -f "$cache" ]; then
    mqvio_jvm_cache_options=("${use[@]}")
  fi
}
