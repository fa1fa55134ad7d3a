// Batched row-wise kernels of numguard runtime-guards (package dev.numguard.guards.batch).
//
// Compiled to PTX by the runtime-guards build (nvcc -ptx -arch=compute_75), its ISA header
// lowered to 8.0 so that CUDA 12 drivers load it, and shipped in the jar. The Java side
// (CudaBatchOps) loads the module with the driver API and launches the kernels by name.
//
// Layout: every batched operation reads a row-major matrix of `rows` x `cols` elements.
// Two variants per operation:
//   *_warp_*  one warp (32 lanes) per row, 4 rows per block of 128 threads: short rows.
//   *_block_* one block per row (blockDim a multiple of 32, at most 1024): long rows.
// Suffix _f32 / _f64: element type; accumulation is in the element type (as PyTorch does).
// The accumulation loops are unrolled 4 times so that each thread keeps several loads in flight.
//
// Numerics:
//   softmax / logsumexp: one pass over the row keeps the running maximum m and the normaliser
//   (Milakov & Gimelshein, "Online normalizer calculation for softmax", 2018), here without the
//   maximum's own term (see MaxSum); partial pairs merge by rescaling the smaller maximum's sum.
//   Ties add directly, which keeps all -Infinity and all +Infinity rows free of the NaN that
//   e^(inf - inf) would create; a NaN element makes the sum NaN, sticky through every merge.
//   mean / variance / layer norm: Welford updates per thread, Chan et al. pairwise merges
//   across lanes and warps; population variance (divide by n).
//
// Edge semantics (must match the CPU backend, see RowKernels.java):
//   logsumexp: empty row -> -Inf; all -Inf -> -Inf; any +Inf (no NaN) -> +Inf; any NaN -> NaN.
//   softmax / log-softmax: a row whose maximum is +Inf or that holds a NaN is all NaN;
//   an all -Inf row is all NaN (0/0), as in PyTorch and SciPy.
//   cross entropy: lse(row) - row[target]; NaN when the row holds NaN or its maximum is not
//   finite (as the scalar StableMath.crossEntropy and PyTorch).
//   mean / variance: empty row -> NaN, NaN; infinities give the IEEE sum's infinity (NaN for both
//   signs) as the mean and a NaN variance; NaN -> NaN, NaN. Layer norm of such a row is all NaN.

#include <cuda_runtime.h>

// A named namespace, not an anonymous one: nvcc names anonymous-namespace symbols after the
// source path, which would make the PTX differ between checkouts.
namespace numguard_kernels {

constexpr unsigned FULL_MASK = 0xffffffffu;
constexpr int WARP = 32;

template <typename T> struct Num;

template <> struct Num<float> {
    __device__ static float inf() { return __int_as_float(0x7f800000); }
    __device__ static float nan() { return __int_as_float(0x7fc00000); }
    __device__ static float ex(float v) { return expf(v); }
    __device__ static float lg1p(float v) { return log1pf(v); }
    __device__ static float sq(float v) { return sqrtf(v); }
};

template <> struct Num<double> {
    __device__ static double inf() { return __longlong_as_double(0x7ff0000000000000LL); }
    __device__ static double nan() { return __longlong_as_double(0x7ff8000000000000LL); }
    __device__ static double ex(double v) { return exp(v); }
    __device__ static double lg1p(double v) { return log1p(v); }
    __device__ static double sq(double v) { return sqrt(v); }
};

// ---------------------------------------------------------------- online max / normaliser

// The normaliser is kept without the maximum's own term: rest = sum over the other elements of
// exp(x - m), so that the total is 1 + rest and log-sum-exp is m + log1p(rest). A tiny rest (a
// dominant logit) then survives in log1p instead of vanishing in 1 + rest. The empty state is
// (m, rest) = (-Inf, -1): its total 1 + rest is 0, and every update and merge below treats it
// without a special case.
template <typename T> struct MaxSum {
    T m;     // running maximum (never NaN)
    T rest;  // sum of exp(x - m) over all elements but one maximum; NaN once any element was NaN
};

template <typename T> __device__ __forceinline__ MaxSum<T> maxSumEmpty() {
    MaxSum<T> r;
    r.m = -Num<T>::inf();
    r.rest = T(-1);
    return r;
}

template <typename T> __device__ __forceinline__ void maxSumAdd(MaxSum<T>& a, T x) {
    if (x > a.m) {
        // the old maximum's term joins the rest, rescaled to the new maximum
        a.rest = (a.rest + T(1)) * Num<T>::ex(a.m - x);
        a.m = x;
    } else if (x == a.m) {
        a.rest += T(1);  // ties (also -Inf == -Inf and +Inf == +Inf) add e^0 = 1
    } else {
        a.rest += Num<T>::ex(x - a.m);  // x < m, or x is NaN (then rest becomes NaN)
    }
}

template <typename T> __device__ __forceinline__ MaxSum<T> maxSumMerge(MaxSum<T> a, MaxSum<T> b) {
    if (b.m > a.m) {
        MaxSum<T> t = a;
        a = b;
        b = t;
    }
    // now a.m >= b.m; b's total (b.rest + 1) joins a's rest
    if (b.m == a.m) {
        a.rest = a.rest + b.rest + T(1);
    } else {
        a.rest = a.rest + (b.rest + T(1)) * Num<T>::ex(b.m - a.m);
    }
    return a;
}

template <typename T> __device__ __forceinline__ MaxSum<T> maxSumWarpReduce(MaxSum<T> v) {
#pragma unroll
    for (int offset = WARP / 2; offset > 0; offset >>= 1) {
        MaxSum<T> other;
        other.m = __shfl_xor_sync(FULL_MASK, v.m, offset);
        other.rest = __shfl_xor_sync(FULL_MASK, v.rest, offset);
        v = maxSumMerge(v, other);
    }
    return v;
}

// Reduces over the whole block; every thread receives the result.
template <typename T> __device__ MaxSum<T> maxSumBlockReduce(MaxSum<T> v) {
    __shared__ T sm[WARP];
    __shared__ T sr[WARP];
    const int lane = threadIdx.x % WARP;
    const int warp = threadIdx.x / WARP;
    const int warps = blockDim.x / WARP;
    v = maxSumWarpReduce(v);
    if (lane == 0) {
        sm[warp] = v.m;
        sr[warp] = v.rest;
    }
    __syncthreads();
    if (warp == 0) {
        MaxSum<T> w = maxSumEmpty<T>();
        if (lane < warps) {
            w.m = sm[lane];
            w.rest = sr[lane];
        }
        w = maxSumWarpReduce(w);
        if (lane == 0) {
            sm[0] = w.m;
            sr[0] = w.rest;
        }
    }
    __syncthreads();
    MaxSum<T> r;
    r.m = sm[0];
    r.rest = sr[0];
    __syncthreads();  // the shared slots may be reused by a later reduction
    return r;
}

template <typename T> __device__ __forceinline__ bool hasNaN(MaxSum<T> a) {
    return !(a.rest == a.rest);
}

template <typename T> __device__ __forceinline__ bool finiteMax(MaxSum<T> a) {
    return a.m > -Num<T>::inf() && a.m < Num<T>::inf();
}

template <typename T> __device__ __forceinline__ T logSumExpOf(MaxSum<T> a) {
    if (hasNaN(a)) {
        return Num<T>::nan();
    }
    if (!finiteMax(a)) {
        return a.m;  // empty or all -Inf: -Inf; any +Inf: +Inf
    }
    return a.m + Num<T>::lg1p(a.rest);
}

// Cross-entropy (m - x[target]) + log1p(rest); NaN when the maximum is not finite or a NaN was seen.
template <typename T> __device__ __forceinline__ T crossEntropyOf(MaxSum<T> a, T logit) {
    if (hasNaN(a) || !finiteMax(a)) {
        return Num<T>::nan();
    }
    return (a.m - logit) + Num<T>::lg1p(a.rest);
}

// Writes softmax (logMode == 0) or log-softmax (logMode != 0) of one row, given its reduction.
template <typename T>
__device__ __forceinline__ void writeSoftmax(const T* x, T* y, int cols, int start, int stride,
                                             MaxSum<T> a, int logMode) {
    const bool poisoned = hasNaN(a) || !finiteMax(a);
    if (logMode) {
        const T logTotal = Num<T>::lg1p(a.rest);
        for (int j = start; j < cols; j += stride) {
            y[j] = poisoned ? Num<T>::nan() : (x[j] - a.m) - logTotal;
        }
    } else {
        const T total = a.rest + T(1);
        for (int j = start; j < cols; j += stride) {
            y[j] = poisoned ? Num<T>::nan() : Num<T>::ex(x[j] - a.m) / total;
        }
    }
}

// ---------------------------------------------------------------- Welford / Chan

// Non-finite elements stay out of the Welford state (an infinity would turn every later delta
// into inf - inf = NaN) and are recorded as flags instead; the mean then follows IEEE addition
// (+Inf, -Inf, or NaN when both signs or a NaN were seen) and the variance is NaN, as the CPU
// backend (Statistics) defines them.
constexpr int SAW_NAN = 1;
constexpr int SAW_PLUS_INF = 2;
constexpr int SAW_MINUS_INF = 4;

template <typename T> struct Moments {
    T n;        // count of finite elements (exact in T for any row length the launcher accepts)
    T mean;     // mean of the finite elements
    T m2;       // sum of their squared deviations from that mean
    int flags;  // SAW_* bits of the non-finite elements
};

template <typename T> __device__ __forceinline__ Moments<T> momentsEmpty() {
    Moments<T> r;
    r.n = T(0);
    r.mean = T(0);
    r.m2 = T(0);
    r.flags = 0;
    return r;
}

template <typename T> __device__ __forceinline__ void momentsAdd(Moments<T>& a, T x) {
    if (!isfinite(x)) {
        a.flags |= x != x ? SAW_NAN : x > T(0) ? SAW_PLUS_INF : SAW_MINUS_INF;
        return;
    }
    a.n += T(1);
    const T delta = x - a.mean;
    a.mean += delta / a.n;
    a.m2 += delta * (x - a.mean);
}

template <typename T> __device__ __forceinline__ Moments<T> momentsMerge(Moments<T> a, Moments<T> b) {
    const int flags = a.flags | b.flags;
    if (b.n == T(0)) {
        a.flags = flags;
        return a;
    }
    if (a.n == T(0)) {
        b.flags = flags;
        return b;
    }
    Moments<T> r;
    r.n = a.n + b.n;
    const T delta = b.mean - a.mean;
    const T wb = b.n / r.n;
    r.mean = a.mean + delta * wb;
    r.m2 = a.m2 + b.m2 + delta * delta * a.n * wb;
    r.flags = flags;
    return r;
}

template <typename T> __device__ __forceinline__ Moments<T> momentsWarpReduce(Moments<T> v) {
#pragma unroll
    for (int offset = WARP / 2; offset > 0; offset >>= 1) {
        Moments<T> other;
        other.n = __shfl_xor_sync(FULL_MASK, v.n, offset);
        other.mean = __shfl_xor_sync(FULL_MASK, v.mean, offset);
        other.m2 = __shfl_xor_sync(FULL_MASK, v.m2, offset);
        other.flags = __shfl_xor_sync(FULL_MASK, v.flags, offset);
        v = momentsMerge(v, other);
    }
    return v;
}

template <typename T> __device__ Moments<T> momentsBlockReduce(Moments<T> v) {
    __shared__ T sn[WARP];
    __shared__ T smean[WARP];
    __shared__ T sm2[WARP];
    __shared__ int sflags[WARP];
    const int lane = threadIdx.x % WARP;
    const int warp = threadIdx.x / WARP;
    const int warps = blockDim.x / WARP;
    v = momentsWarpReduce(v);
    if (lane == 0) {
        sn[warp] = v.n;
        smean[warp] = v.mean;
        sm2[warp] = v.m2;
        sflags[warp] = v.flags;
    }
    __syncthreads();
    if (warp == 0) {
        Moments<T> w = momentsEmpty<T>();
        if (lane < warps) {
            w.n = sn[lane];
            w.mean = smean[lane];
            w.m2 = sm2[lane];
            w.flags = sflags[lane];
        }
        w = momentsWarpReduce(w);
        if (lane == 0) {
            sn[0] = w.n;
            smean[0] = w.mean;
            sm2[0] = w.m2;
            sflags[0] = w.flags;
        }
    }
    __syncthreads();
    Moments<T> r;
    r.n = sn[0];
    r.mean = smean[0];
    r.m2 = sm2[0];
    r.flags = sflags[0];
    __syncthreads();
    return r;
}

template <typename T> __device__ __forceinline__ T meanOf(Moments<T> a) {
    if (a.flags & SAW_NAN || (a.flags & SAW_PLUS_INF && a.flags & SAW_MINUS_INF)) {
        return Num<T>::nan();
    }
    if (a.flags & SAW_PLUS_INF) {
        return Num<T>::inf();
    }
    if (a.flags & SAW_MINUS_INF) {
        return -Num<T>::inf();
    }
    return a.n == T(0) ? Num<T>::nan() : a.mean;
}

template <typename T> __device__ __forceinline__ T varianceOf(Moments<T> a) {
    return a.n == T(0) || a.flags != 0 ? Num<T>::nan() : a.m2 / a.n;
}

template <typename T>
__device__ __forceinline__ void writeLayerNorm(const T* x, T* y, const T* gamma, const T* beta,
                                               int cols, int start, int stride, Moments<T> a, T eps) {
    const T mean = meanOf(a);
    const T invStd = T(1) / Num<T>::sq(varianceOf(a) + eps);
    for (int j = start; j < cols; j += stride) {
        T v = (x[j] - mean) * invStd;
        if (gamma != nullptr) {
            v *= gamma[j];
        }
        if (beta != nullptr) {
            v += beta[j];
        }
        y[j] = v;
    }
}

// ---------------------------------------------------------------- kernel bodies

template <typename T> __device__ __forceinline__ long long warpRow() {
    return (long long)blockIdx.x * (blockDim.x / WARP) + threadIdx.x / WARP;
}

template <typename T>
__device__ void softmaxWarp(const T* x, T* y, int rows, int cols, int logMode) {
    const long long row = warpRow<T>();
    if (row >= rows) {
        return;  // whole warp leaves together: the shuffles below stay convergent
    }
    const int lane = threadIdx.x % WARP;
    const T* xr = x + row * cols;
    T* yr = y + row * cols;
    MaxSum<T> a = maxSumEmpty<T>();
#pragma unroll 4
    for (int j = lane; j < cols; j += WARP) {
        maxSumAdd(a, xr[j]);
    }
    a = maxSumWarpReduce(a);
    writeSoftmax(xr, yr, cols, lane, WARP, a, logMode);
}

template <typename T>
__device__ void softmaxBlock(const T* x, T* y, int cols, int logMode) {
    const long long row = blockIdx.x;
    const T* xr = x + row * cols;
    T* yr = y + row * cols;
    MaxSum<T> a = maxSumEmpty<T>();
#pragma unroll 4
    for (int j = threadIdx.x; j < cols; j += blockDim.x) {
        maxSumAdd(a, xr[j]);
    }
    a = maxSumBlockReduce(a);
    writeSoftmax(xr, yr, cols, threadIdx.x, blockDim.x, a, logMode);
}

// out[row] = logsumexp(row), or, when targets != null, the cross-entropy lse(row) - row[targets[row]].
template <typename T>
__device__ __forceinline__ T lseResult(const T* xr, MaxSum<T> a, const int* targets, long long row) {
    return targets == nullptr ? logSumExpOf(a) : crossEntropyOf(a, xr[targets[row]]);
}

template <typename T>
__device__ void logSumExpWarp(const T* x, T* out, const int* targets, int rows, int cols) {
    const long long row = warpRow<T>();
    if (row >= rows) {
        return;
    }
    const int lane = threadIdx.x % WARP;
    const T* xr = x + row * cols;
    MaxSum<T> a = maxSumEmpty<T>();
#pragma unroll 4
    for (int j = lane; j < cols; j += WARP) {
        maxSumAdd(a, xr[j]);
    }
    a = maxSumWarpReduce(a);
    if (lane == 0) {
        out[row] = lseResult(xr, a, targets, row);
    }
}

template <typename T>
__device__ void logSumExpBlock(const T* x, T* out, const int* targets, int cols) {
    const long long row = blockIdx.x;
    const T* xr = x + row * cols;
    MaxSum<T> a = maxSumEmpty<T>();
#pragma unroll 4
    for (int j = threadIdx.x; j < cols; j += blockDim.x) {
        maxSumAdd(a, xr[j]);
    }
    a = maxSumBlockReduce(a);
    if (threadIdx.x == 0) {
        out[row] = lseResult(xr, a, targets, row);
    }
}

template <typename T>
__device__ void momentsWarp(const T* x, T* mean, T* var, int rows, int cols) {
    const long long row = warpRow<T>();
    if (row >= rows) {
        return;
    }
    const int lane = threadIdx.x % WARP;
    const T* xr = x + row * cols;
    Moments<T> a = momentsEmpty<T>();
#pragma unroll 4
    for (int j = lane; j < cols; j += WARP) {
        momentsAdd(a, xr[j]);
    }
    a = momentsWarpReduce(a);
    if (lane == 0) {
        mean[row] = meanOf(a);
        var[row] = varianceOf(a);
    }
}

template <typename T>
__device__ void momentsBlock(const T* x, T* mean, T* var, int cols) {
    const long long row = blockIdx.x;
    const T* xr = x + row * cols;
    Moments<T> a = momentsEmpty<T>();
#pragma unroll 4
    for (int j = threadIdx.x; j < cols; j += blockDim.x) {
        momentsAdd(a, xr[j]);
    }
    a = momentsBlockReduce(a);
    if (threadIdx.x == 0) {
        mean[row] = meanOf(a);
        var[row] = varianceOf(a);
    }
}

template <typename T>
__device__ void layerNormWarp(const T* x, T* y, const T* gamma, const T* beta, int rows, int cols, T eps) {
    const long long row = warpRow<T>();
    if (row >= rows) {
        return;
    }
    const int lane = threadIdx.x % WARP;
    const T* xr = x + row * cols;
    Moments<T> a = momentsEmpty<T>();
#pragma unroll 4
    for (int j = lane; j < cols; j += WARP) {
        momentsAdd(a, xr[j]);
    }
    a = momentsWarpReduce(a);
    writeLayerNorm(xr, y + row * cols, gamma, beta, cols, lane, WARP, a, eps);
}

template <typename T>
__device__ void layerNormBlock(const T* x, T* y, const T* gamma, const T* beta, int cols, T eps) {
    const long long row = blockIdx.x;
    const T* xr = x + row * cols;
    Moments<T> a = momentsEmpty<T>();
#pragma unroll 4
    for (int j = threadIdx.x; j < cols; j += blockDim.x) {
        momentsAdd(a, xr[j]);
    }
    a = momentsBlockReduce(a);
    writeLayerNorm(xr, y + row * cols, gamma, beta, cols, threadIdx.x, blockDim.x, a, eps);
}

}  // namespace numguard_kernels

using namespace numguard_kernels;

// ---------------------------------------------------------------- entry points (C names)

#define NUMGUARD_ROW_KERNELS(T, SUFFIX)                                                              \
    extern "C" __global__ void softmax_warp_##SUFFIX(const T* x, T* y, int rows, int cols,          \
                                                     int logMode) {                                 \
        softmaxWarp<T>(x, y, rows, cols, logMode);                                                  \
    }                                                                                               \
    extern "C" __global__ void softmax_block_##SUFFIX(const T* x, T* y, int rows, int cols,         \
                                                      int logMode) {                                \
        softmaxBlock<T>(x, y, cols, logMode);                                                       \
    }                                                                                               \
    extern "C" __global__ void logsumexp_warp_##SUFFIX(const T* x, T* out, const int* targets,      \
                                                       int rows, int cols) {                        \
        logSumExpWarp<T>(x, out, targets, rows, cols);                                              \
    }                                                                                               \
    extern "C" __global__ void logsumexp_block_##SUFFIX(const T* x, T* out, const int* targets,     \
                                                        int rows, int cols) {                       \
        logSumExpBlock<T>(x, out, targets, cols);                                                   \
    }                                                                                               \
    extern "C" __global__ void moments_warp_##SUFFIX(const T* x, T* mean, T* var, int rows,         \
                                                     int cols) {                                    \
        momentsWarp<T>(x, mean, var, rows, cols);                                                   \
    }                                                                                               \
    extern "C" __global__ void moments_block_##SUFFIX(const T* x, T* mean, T* var, int rows,        \
                                                      int cols) {                                   \
        momentsBlock<T>(x, mean, var, cols);                                                        \
    }                                                                                               \
    extern "C" __global__ void layernorm_warp_##SUFFIX(const T* x, T* y, const T* gamma,            \
                                                       const T* beta, int rows, int cols, T eps) {  \
        layerNormWarp<T>(x, y, gamma, beta, rows, cols, eps);                                       \
    }                                                                                               \
    extern "C" __global__ void layernorm_block_##SUFFIX(const T* x, T* y, const T* gamma,           \
                                                        const T* beta, int rows, int cols, T eps) { \
        layerNormBlock<T>(x, y, gamma, beta, cols, eps);                                            \
    }

NUMGUARD_ROW_KERNELS(float, f32)
NUMGUARD_ROW_KERNELS(double, f64)

// Loss scaling: g[i] *= invScale over one gradient buffer; *foundNonFinite is set to 1 when any
// input element is NaN or +-Infinity (checked before scaling, as torch's
// _amp_foreach_non_finite_check_and_unscale_ does). Grid-stride loop; the flag is only ever
// written with 1, so concurrent writers need no atomics.
extern "C" __global__ void unscale_check_f32(float* g, long long n, float invScale, int* foundNonFinite) {
    bool bad = false;
    const long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        const float v = g[i];
        bad |= !isfinite(v);
        g[i] = invScale == 1.0f ? v : v * invScale;
    }
    if (__any_sync(FULL_MASK, bad) && threadIdx.x % WARP == 0) {
        *foundNonFinite = 1;
    }
}
