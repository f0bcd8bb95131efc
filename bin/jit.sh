# Sourced by ./mqvio: how the JVM compiles for the command about to run (issue 17).
# A short command of fixed size, `paper` as it comes (20 runs of 100 ms simulated), spends more CPU in the JIT's
# optimising compiler (C2) than C2's faster code gives back: measured on the 2-core development VM, `paper` took
# 3.8-4.1 s wall (6.4-6.9 s CPU) with the JVM's default tiered compilation and 2.4 s wall (3.9 s CPU) with C1 alone
# and the serial collector; the same `paper --runtime=1s` (ten times the work) took 22-24 s of CPU by default and
# 29-31 s with C1 alone. So the quick setting is taken only for `paper` at that size (no option but those that
# leave its work as it is, below); every other command keeps the JVM's defaults, since its length is the user's.
# It never changes what a command prints or writes: the simulation is deterministic whatever compiles it.
#   MQVIO_JIT=auto    the above (default)
#   MQVIO_JIT=quick   C1 only and the serial collector, for any command
#   MQVIO_JIT=full    the JVM's defaults, for any command

# mqvio_jit ARGS...: sets the array mqvio_jit_options to the java options for the command line ARGS.
mqvio_jit() {
  mqvio_jit_options=()
  local mode=${MQVIO_JIT:-auto}
  case "$mode" in
    auto) mqvio_jit_is_short "$@" || return 0 ;;
    quick) ;;
    full) return 0 ;;
    *) echo "mqvio: MQVIO_JIT=$mode is invalid; allowed: auto, quick, full" >&2; exit 2 ;;
  esac
  # C1 compiles in a fraction of C2's time; a small heap's short life needs no concurrent collector threads.
  mqvio_jit_options=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
}

# True when ARGS is `paper` at its fixed size: only options that leave its work as it is (where the files go, the
# seed, how many runs at once, the log level, help); any other option (--runtime, --max-jobs, --iodepth, --envelope,
# --sensitivity, a provider or a cost) may make it longer, so it gets the JVM's defaults.
mqvio_jit_is_short() {
  [ "${1:-}" = paper ] || return 1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --out-dir|--seed|--parallel|--log-level) [ $# -ge 2 ] || return 1; shift ;;
      --out-dir=*|--seed=*|--parallel=*|--log-level=*|-h|--help|-V|--version) ;;
      *) return 1 ;;
    esac
    shift
  done
  return 0
}
