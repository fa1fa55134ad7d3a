#!/usr/bin/env bash
# Times javac on a source tree three ways: plain javac, javac + Error Prone, and
# javac + Error Prone + numguard's checks. Prints one line per run and the medians of the
# wall time and of the CPU time (user + system, all javac threads); on a shared machine the
# CPU time is the steadier of the two.
#
# usage: scripts/time-errorprone.sh RUNS CLASSPATH EP_CLASSPATH NUMGUARD_JARS SOURCE_DIR...
#   RUNS           runs per configuration (the configurations are interleaved per round,
#                  so that drifting machine load hits all three alike)
#   CLASSPATH      what the sources compile against (may be empty)
#   EP_CLASSPATH   error_prone_core 2.42.0 and its dependencies, ':'-separated
#   NUMGUARD_JARS  numguard-errorprone and numguard-rules jars, ':'-separated
#   SOURCE_DIR     folders whose *.java files are compiled together
# Each run compiles into a fresh temporary folder; javac's own warnings are kept in
# $LOG_DIR (default /tmp/time-errorprone) so that the numguard warnings can be counted.
set -euo pipefail

runs=$1 classpath=$2 ep_classpath=$3 numguard_jars=$4
shift 4
log_dir=${LOG_DIR:-/tmp/time-errorprone}
mkdir -p "$log_dir"
sources="$log_dir/sources.txt"
find "$@" -name '*.java' | sort > "$sources"

# Error Prone 2.42.0 on JDK 17 reaches into javac's internals.
jvm_flags=()
for package in api file main model parser processing tree util; do
  jvm_flags+=("-J--add-exports=jdk.compiler/com.sun.tools.javac.$package=ALL-UNNAMED")
done
for package in code comp; do
  jvm_flags+=("-J--add-opens=jdk.compiler/com.sun.tools.javac.$package=ALL-UNNAMED")
done
common=(-encoding UTF-8 -Xmaxwarns 100000)
[[ -n $classpath ]] && common+=(-cp "$classpath")
error_prone=(-XDcompilePolicy=simple --should-stop=ifError=FLOW -Xplugin:ErrorProne)
# numguard's error-level checks lowered to warnings, so that a code base with findings still
# compiles to the end (bytecode included) and the three configurations do the same work.
numguard_as_warnings=(-XDcompilePolicy=simple --should-stop=ifError=FLOW
  "-Xplugin:ErrorProne -Xep:NaiveSoftmax:WARN -Xep:NaiveLogSumExp:WARN -Xep:NaiveVariance:WARN -Xep:LogOfProduct:WARN -Xep:NaiveCrossEntropy:WARN")

compile() { # $1 = configuration name
  local out
  out=$(mktemp -d)
  case $1 in
    javac) javac "${jvm_flags[@]}" "${common[@]}" -d "$out" @"$sources" ;;
    errorprone) javac "${jvm_flags[@]}" "${common[@]}" "${error_prone[@]}" \
        -processorpath "$ep_classpath" -d "$out" @"$sources" ;;
    numguard) javac "${jvm_flags[@]}" "${common[@]}" "${numguard_as_warnings[@]}" \
        -processorpath "$ep_classpath:$numguard_jars" -d "$out" @"$sources" ;;
  esac
  rm -rf "$out"
}

export sources ep_classpath numguard_jars  # read by compile in the timed shell
declare -A wall cpu
for round in $(seq "$runs"); do
  for config in javac errorprone numguard; do
    /usr/bin/time -f '%e %U %S' -o "$log_dir/time.txt" \
      bash -c "$(declare -p jvm_flags common error_prone numguard_as_warnings); $(declare -f compile); compile $config" \
      > "$log_dir/$config.log" 2>&1 || { cat "$log_dir/$config.log"; exit 1; }
    read -r elapsed user system < <(tail -1 "$log_dir/time.txt")
    used=$(echo "$user + $system" | bc)
    wall[$config]+="$elapsed "
    cpu[$config]+="$used "
    printf 'round %d %-10s wall %6.2f s  cpu %6.2f s  (load %s)\n' "$round" "$config" \
      "$elapsed" "$used" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for config in javac errorprone numguard; do
  printf 'median %-10s wall %6.2f s  cpu %6.2f s   wall runs: %s  cpu runs: %s\n' "$config" \
    "$(echo "${wall[$config]}" | median)" "$(echo "${cpu[$config]}" | median)" \
    "${wall[$config]}" "${cpu[$config]}"
done
printf 'numguard warnings in the last run: %s\n' \
  "$(grep -c 'warning: \[\(Expm1\|Log1p\|LogOfProduct\|NaiveCrossEntropy\|NaiveLogSumExp\|NaiveSoftmax\|NaiveVariance\|UnscaledHalfBackward\)\]' "$log_dir/numguard.log" || true)"
