#!/usr/bin/env bash
# GPU check of the runtime-guards CUDA backend, in one call on a machine with an NVIDIA GPU,
# CUDA and Python/PyTorch but no Java. Prepare on the build machine, then run on the device:
#
#   scripts/build-gpu-bundle.sh          # here: builds the ignored gpu-bundle/ (jlink JRE + jars)
#   run(command="bash scripts/gpu-check.sh", carry=["gpu-bundle"], timeout_s=600)
#
# Steps (each one's output is also written under $OUT, or gpu-bundle/check-out when OUT is unset):
#   1. device facts (nvidia-smi)
#   2. the tests tagged "gpu" (CUDA backend vs CPU backend on random and hostile rows), with
#      JUnit's console launcher on the bundled JRE; XML reports in $OUT/junit
#   3. GpuBandwidthBenchmark: each kernel's effective bandwidth (bytes read + written / time)
#      against the device's peak (2 x memory clock x bus width), CSV in $OUT/numguard-kernels.csv
#   4. torch.softmax / log_softmax / logsumexp / cross_entropy / var_mean / layer_norm timed on
#      the same shapes on the same GPU, and a comparison table in $OUT/gpu-check.md
# Targets (issue 6): >= 80% of peak bandwidth for rows of >= 1024 floats; at least torch's
# throughput. Exit status: 0 when the tests pass, 1 when they fail, 2 when this machine cannot run
# the check (no bundle, no GPU); the benchmark table is printed either way when it can run.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="$ROOT/gpu-bundle"
JAVA="$BUNDLE/jre/bin/java"
OUT_DIR="${OUT:-$BUNDLE/check-out}"

cannot_run() {
  echo "gpu-check: cannot run here: $*" >&2
  exit 2
}

[[ -x "$JAVA" ]] || cannot_run "no bundled Java at $JAVA. Run scripts/build-gpu-bundle.sh on the build machine and carry gpu-bundle (run(..., carry=[\"gpu-bundle\"]))."
command -v nvidia-smi >/dev/null 2>&1 || cannot_run "nvidia-smi not found: no NVIDIA driver on this machine."
nvidia-smi -L >/dev/null 2>&1 || cannot_run "nvidia-smi lists no GPU: $(nvidia-smi -L 2>&1 | head -1)"
mkdir -p "$OUT_DIR"

echo "== 1. device"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory,pcie.link.gen.max --format=csv \
  | tee "$OUT_DIR/device.csv"

CLASSPATH_JARS="$BUNDLE/lib/runtime-guards.jar:$BUNDLE/lib/runtime-guards-tests.jar:$BUNDLE/lib/jcuda.jar:$BUNDLE/lib/jcuda-natives-linux-x86_64.jar"
JAVA_OPTS=(-Xmx8g -Djava.io.tmpdir="${TMPDIR:-/tmp}")

echo "== 2. tests tagged gpu"
"$JAVA" "${JAVA_OPTS[@]}" -jar "$BUNDLE/lib/junit-platform-console-standalone.jar" execute \
  --class-path "$CLASSPATH_JARS" \
  --select-package dev.numguard.guards.batch \
  --include-tag gpu \
  --details=tree --disable-banner \
  --reports-dir "$OUT_DIR/junit" 2>&1 | tee "$OUT_DIR/gpu-tests.txt"
TESTS_STATUS=${PIPESTATUS[0]}
if grep -Eq "^\[ +0 tests successful" "$OUT_DIR/gpu-tests.txt"; then
  echo "gpu-check: no gpu test ran (skipped?): see $OUT_DIR/gpu-tests.txt" >&2
  TESTS_STATUS=1
fi

echo "== 3. numguard kernels: effective bandwidth"
"$JAVA" "${JAVA_OPTS[@]}" -cp "$CLASSPATH_JARS" dev.numguard.guards.batch.cuda.GpuBandwidthBenchmark \
  | tee "$OUT_DIR/numguard-kernels.csv"
BENCH_STATUS=${PIPESTATUS[0]}

echo "== 4. torch on the same shapes, and the comparison"
python3 - "$OUT_DIR/numguard-kernels.csv" "$OUT_DIR/gpu-check.md" <<'PY'
import csv, sys

numguard_csv, report_path = sys.argv[1], sys.argv[2]
peak = None
rows = []
with open(numguard_csv) as f:
    lines = [l for l in f if l.strip()]
for l in lines:
    if l.startswith("# peak_gbps="):
        peak = float(l.split("=", 1)[1])
data = [l for l in lines if not l.startswith("#")]
for r in csv.DictReader(data):
    rows.append(r)
if not rows:
    print("no numguard benchmark results to compare")
    sys.exit(0)

try:
    import torch
    import torch.nn.functional as F
except Exception as e:  # no torch: print numguard's figures alone
    torch = None
    print("torch unavailable:", e)

def torch_time(fn, repeats=30, warmup=5):
    for _ in range(warmup):
        fn()
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(repeats):
        fn()
    stop.record()
    torch.cuda.synchronize()
    return start.elapsed_time(stop) / 1e3 / repeats

def torch_op(kernel, dtype, rows_, cols):
    """(seconds, bytes) of the torch counterpart, bytes counted as numguard counts them."""
    dt = torch.float32 if dtype == "f32" else torch.float64
    size = 4 if dtype == "f32" else 8
    x = torch.randn(rows_, cols, device="cuda", dtype=dt) * 3
    n = rows_ * cols
    if kernel == "softmax":
        return torch_time(lambda: torch.softmax(x, dim=-1)), 2 * n * size
    if kernel == "log_softmax":
        return torch_time(lambda: torch.log_softmax(x, dim=-1)), 2 * n * size
    if kernel == "logsumexp":
        return torch_time(lambda: torch.logsumexp(x, dim=-1)), n * size + rows_ * size
    if kernel == "cross_entropy":
        t = torch.randint(0, cols, (rows_,), device="cuda")
        return torch_time(lambda: F.cross_entropy(x, t, reduction="none")), n * size + 2 * rows_ * 4
    if kernel == "mean_var":
        try:
            torch.var_mean(x[:1], dim=-1, correction=0)
            var_mean = lambda: torch.var_mean(x, dim=-1, correction=0)
        except TypeError:  # torch before 2.0
            var_mean = lambda: torch.var_mean(x, dim=-1, unbiased=False)
        return torch_time(var_mean), n * size + 2 * rows_ * size
    if kernel == "layer_norm":
        return torch_time(lambda: F.layer_norm(x, (cols,), eps=1e-5)), 2 * n * size
    if kernel == "unscale":
        g = [x.view(-1)]
        found = torch.zeros(1, device="cuda")
        inv = torch.full((1,), 0.5, device="cuda")
        return torch_time(lambda: torch._amp_foreach_non_finite_check_and_unscale_(g, found, inv)), 2 * n * size
    return None

lines_out = []
header = "| kernel | dtype | rows x cols | numguard µs | numguard GB/s | % of peak | torch µs | torch GB/s | numguard / torch |"
lines_out.append(f"Peak DRAM bandwidth (2 x memory clock x bus width): {peak} GB/s\n")
lines_out.append(header)
lines_out.append("|" + "---|" * 9)
for r in rows:
    kernel, dtype, nr, nc = r["kernel"], r["dtype"], int(r["rows"]), int(r["cols"])
    ours_us, ours_gbps, pct = float(r["microseconds"]), float(r["gigabytes_per_second"]), float(r["percent_of_peak"])
    t_us = t_gbps = ratio = "n/a"
    if torch is not None and torch.cuda.is_available():
        try:
            res = torch_op(kernel, dtype, nr, nc)
            if res:
                secs, nbytes = res
                t_us = f"{secs * 1e6:.2f}"
                t_gbps = f"{nbytes / secs / 1e9:.1f}"
                ratio = f"{(secs * 1e6) / ours_us:.2f}x"
        except Exception as e:
            t_us = f"error: {type(e).__name__}"
        torch.cuda.empty_cache()
    lines_out.append(f"| {kernel} | {dtype} | {nr} x {nc} | {ours_us:.2f} | {ours_gbps:.1f} | {pct:.1f}% | {t_us} | {t_gbps} | {ratio} |")
lines_out.append("")
lines_out.append("numguard / torch > 1 means numguard is faster (torch time / numguard time).")
if torch is not None:
    lines_out.append(f"torch {torch.__version__}, CUDA {torch.version.cuda}, device {torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'none'}")
text = "\n".join(lines_out)
print(text)
with open(report_path, "w") as f:
    f.write(text + "\n")
PY

echo "== summary: gpu tests exit ${TESTS_STATUS}, benchmark exit ${BENCH_STATUS}; outputs in $OUT_DIR"
if (( TESTS_STATUS != 0 || BENCH_STATUS != 0 )); then
  exit 1
fi
