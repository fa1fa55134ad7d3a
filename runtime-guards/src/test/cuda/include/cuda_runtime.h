// Host emulation of the CUDA features kernels.cu uses, so that its kernels run on the CPU (one
// std::thread per GPU thread, one block at a time) and their logic can be tested without a GPU.
// Not a performance model; only the semantics of __syncthreads, warp shuffles and __any_sync.
#pragma once
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
// blocks run one after another, so function-static storage behaves as per-block shared memory
#define __shared__ static

#include <math.h>  // expf, log1pf, sqrtf in the global namespace, as CUDA offers them
using std::isfinite;

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local dim3 threadIdx;
inline thread_local dim3 blockIdx;
inline dim3 blockDim;
inline dim3 gridDim;

class HostBarrier {
public:
    void reset(int parties) {
        parties_ = parties;
        waiting_ = 0;
        generation_ = 0;
    }
    void wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        const long generation = generation_;
        if (++waiting_ == parties_) {
            waiting_ = 0;
            ++generation_;
            cv_.notify_all();
        } else {
            cv_.wait(lock, [&] { return generation != generation_; });
        }
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    int parties_ = 0;
    int waiting_ = 0;
    long generation_ = 0;
};

struct HostWarp {
    HostBarrier barrier;
    uint64_t slots[32];
};

inline HostBarrier hostBlockBarrier;
inline std::vector<HostWarp>* hostWarps = nullptr;

inline void __syncthreads() { hostBlockBarrier.wait(); }

template <typename T> T __shfl_xor_sync(unsigned, T value, int laneMask) {
    static_assert(sizeof(T) <= 8, "shuffle of at most 8 bytes");
    HostWarp& warp = (*hostWarps)[threadIdx.x / 32];
    const int lane = threadIdx.x % 32;
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(T));
    warp.slots[lane] = bits;
    warp.barrier.wait();
    T result;
    const uint64_t other = warp.slots[lane ^ laneMask];
    std::memcpy(&result, &other, sizeof(T));
    warp.barrier.wait();
    return result;
}

inline int __any_sync(unsigned, int predicate) {
    HostWarp& warp = (*hostWarps)[threadIdx.x / 32];
    const int lane = threadIdx.x % 32;
    warp.slots[lane] = predicate != 0;
    warp.barrier.wait();
    int any = 0;
    for (int i = 0; i < 32; i++) {
        any |= warp.slots[i] != 0;
    }
    warp.barrier.wait();
    return any;
}

inline float __int_as_float(int bits) {
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

inline double __longlong_as_double(long long bits) {
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

// Runs kernel(args...) over grid x block threads; blockDim must be a multiple of 32.
template <typename... Params, typename... Args>
void hostLaunch(void (*kernel)(Params...), unsigned grid, unsigned block, Args... args) {
    gridDim.x = grid;
    blockDim.x = block;
    std::vector<HostWarp> warps(block / 32);
    for (auto& w : warps) {
        w.barrier.reset(32);
    }
    hostWarps = &warps;
    for (unsigned b = 0; b < grid; b++) {
        hostBlockBarrier.reset(static_cast<int>(block));
        std::vector<std::thread> threads;
        threads.reserve(block);
        for (unsigned t = 0; t < block; t++) {
            threads.emplace_back([=] {
                blockIdx.x = b;
                threadIdx.x = t;
                kernel(args...);
            });
        }
        for (auto& th : threads) {
            th.join();
        }
    }
    hostWarps = nullptr;
}
