#!/usr/bin/env bash
# Builds gpu-bundle/: everything scripts/gpu-check.sh needs on a GPU machine that has CUDA and
# Python/PyTorch but no Java. Run it here (JDK 17 + Maven), then carry the folder to the device:
#
#   scripts/build-gpu-bundle.sh
#   run(command="bash scripts/gpu-check.sh", carry=["gpu-bundle"], timeout_s=600)
#
# Contents (gpu-bundle/ is git-ignored):
#   jre/   a Java runtime trimmed with jlink to the modules the tests and the benchmark use
#   lib/   the runtime-guards jar, its test classes as a jar, JCuda + its Linux natives,
#          JUnit's console launcher
# The whole working tree that travels with `run` is capped at 64 MiB, so the script checks the
# bundle's size and fails if the bundle alone exceeds BUNDLE_LIMIT_MIB (default 48 MiB, leaving
# room for the sources).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="$ROOT/gpu-bundle"
LIMIT_MIB="${BUNDLE_LIMIT_MIB:-48}"
JUNIT_PLATFORM_VERSION="${JUNIT_PLATFORM_VERSION:-1.14.1}" # the platform of JUnit Jupiter 5.14.1
JCUDA_VERSION="${JCUDA_VERSION:-12.6.0}"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
MVN=(mvn -B -q)
if [[ "${OFFLINE:-0}" == "1" ]]; then MVN+=(-o); fi

for tool in java jlink jdeps jar mvn; do
  command -v "$tool" >/dev/null || { echo "build-gpu-bundle: '$tool' not found (needs JDK 17 and Maven)" >&2; exit 1; }
done

echo "== building runtime-guards (main and test classes, jar)"
"${MVN[@]}" -f "$ROOT/pom.xml" -pl runtime-guards package -DskipTests

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/lib"
cp "$ROOT"/runtime-guards/target/numguard-runtime-guards-*-SNAPSHOT.jar "$BUNDLE/lib/runtime-guards.jar"
jar --create --file "$BUNDLE/lib/runtime-guards-tests.jar" -C "$ROOT/runtime-guards/target/test-classes" .

echo "== fetching JCuda $JCUDA_VERSION and the JUnit console launcher $JUNIT_PLATFORM_VERSION"
copy() { "${MVN[@]}" "$DEPENDENCY_PLUGIN:copy" -Dartifact="$1" -DoutputDirectory="$BUNDLE/lib" -Dmdep.stripVersion=true; }
copy "org.jcuda:jcuda:$JCUDA_VERSION"
copy "org.jcuda:jcuda-natives:$JCUDA_VERSION:jar:linux-x86_64"
copy "org.junit.platform:junit-platform-console-standalone:$JUNIT_PLATFORM_VERSION"

# The PTX compiler's native library (23 MiB unpacked, 8 MiB packed) is only needed by the
# CPU-side ShippedPtxCompilesTest, not on the GPU: keep only the driver binding's natives.
NATIVES="$BUNDLE/lib/jcuda-natives-linux-x86_64.jar"
TMP_NATIVES="$(mktemp -d)"
(cd "$TMP_NATIVES" && jar xf "$NATIVES" && rm -f lib/libJNvPTXCompiler-* lib/libJNvrtc-* lib/libJCudaRuntime-* \
  && rm -f "$NATIVES" && jar --create --file "$NATIVES" -C "$TMP_NATIVES" .)
rm -rf "$TMP_NATIVES"

echo "== choosing the Java modules (jdeps)"
MODULES="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "$BUNDLE/lib/*" "$BUNDLE"/lib/*.jar 2>/dev/null || true)"
# JUnit scans jars through the zip file system (jdk.zipfs), writes XML reports (java.xml) and
# logs through java.util.logging; jdk.unsupported for JCuda
MODULES="$(printf '%s' "${MODULES:-java.base},java.logging,java.xml,jdk.unsupported,jdk.zipfs" | tr ',' '\n' | sort -u | paste -sd, -)"
echo "modules: $MODULES"

echo "== jlink"
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$BUNDLE/jre"

"$BUNDLE/jre/bin/java" -version 2>&1 | head -1
SIZE_KIB="$(du -sk "$BUNDLE" | cut -f1)"
SIZE_MIB=$(( (SIZE_KIB + 1023) / 1024 ))
TREE_KIB="$(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | du -ck --files0-from=- 2>/dev/null | tail -1 | cut -f1)"
du -sh "$BUNDLE/jre" "$BUNDLE"/lib/* | sed 's/^/  /'
echo "gpu-bundle: ${SIZE_MIB} MiB (limit ${LIMIT_MIB} MiB); working tree without ignored files: $(( TREE_KIB / 1024 )) MiB; together: $(( (SIZE_KIB + TREE_KIB) / 1024 )) MiB of the 64 MiB cap"
if (( SIZE_MIB > LIMIT_MIB )); then
  echo "build-gpu-bundle: the bundle is larger than ${LIMIT_MIB} MiB" >&2
  exit 1
fi
if (( (SIZE_KIB + TREE_KIB) / 1024 >= 64 )); then
  echo "build-gpu-bundle: bundle plus working tree reach the 64 MiB cap of run" >&2
  exit 1
fi
