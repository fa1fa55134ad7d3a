#!/usr/bin/env bash
# Runs the CUDA kernels of runtime-guards on the CPU, without a GPU: compiles
# runtime-guards/src/main/cuda/kernels.cu with g++ against a host emulation of the CUDA features
# it uses (runtime-guards/src/test/cuda/include/cuda_runtime.h: one thread per GPU thread, one
# block at a time, real barriers and warp shuffles) and checks every kernel, in both launch
# variants (warp per row, block per row), on random and hostile rows against a double-precision
# reference with the batched operations' edge semantics. Slow (one OS thread per GPU thread:
# about 5 minutes on 2 cores), so it is not part of `mvn verify`; run it after editing kernels.cu.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TEST_DIR="$ROOT/runtime-guards/src/test/cuda"
BINARY="$(mktemp -d)/kernels_host_test"
command -v g++ >/dev/null || { echo "cuda-host-check: g++ not found" >&2; exit 2; }
g++ -std=c++17 -O1 -pthread -I"$TEST_DIR/include" "$TEST_DIR/kernels_host_test.cpp" -o "$BINARY"
"$BINARY"
