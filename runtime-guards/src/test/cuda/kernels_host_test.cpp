// Runs the kernels of src/main/cuda/kernels.cu on the CPU through the host emulation in
// include/cuda_runtime.h, on random and hostile rows, with both launch variants (warp per row and
// block per row) for every row length, and checks each result against a double-precision
// reference with the edge semantics of the batched operations (see BatchOps.java).
// Build and run: g++ -std=c++17 -O1 -pthread -Iinclude kernels_host_test.cpp && ./a.out
// (KernelsOnHostEmulationTest does this during the Maven build where g++ is installed.)
#include <cuda_runtime.h>

#include "../../main/cuda/kernels.cu"

#include <cstdio>
#include <limits>
#include <random>
#include <string>

namespace {

const double INF = std::numeric_limits<double>::infinity();
const double NaN = std::numeric_limits<double>::quiet_NaN();
int failures = 0;
int checks = 0;

void check(double actual, double expected, double relative, double absolute, const std::string& where) {
    ++checks;
    bool ok;
    if (std::isnan(expected)) {
        ok = std::isnan(actual);
    } else if (std::isinf(expected)) {
        ok = actual == expected;
    } else {
        ok = std::fabs(actual - expected) <= std::max(absolute, relative * std::fabs(expected));
    }
    if (!ok && failures++ < 25) {
        std::printf("FAIL %s: actual %.17g expected %.17g\n", where.c_str(), actual, expected);
    }
}

std::vector<std::vector<double>> testRows(int cols, unsigned seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> gauss;
    std::vector<std::vector<double>> rows;
    auto make = [&](auto element) {
        std::vector<double> row(cols);
        for (int j = 0; j < cols; j++) row[j] = element(j);
        rows.push_back(row);
    };
    if (cols >= 2) {
        make([&](int j) { return 1e4 + j % 7; });
        make([&](int j) { return -1e4 - j % 5; });
        make([&](int) { return -INF; });
        make([&](int j) { return j == cols / 2 ? 3.0 : -INF; });
        make([&](int j) { return j % 3 == 0 ? -INF : gauss(random); });
        make([&](int j) { return j == 1 ? INF : gauss(random); });
        make([&](int j) { return j % 2 == 0 ? INF : 1.0; });
        make([&](int j) { return j == 0 ? INF : j == cols - 1 ? -INF : 0.5; });
        make([&](int j) { return j == cols - 1 ? NaN : gauss(random); });
        make([&](int j) { return j == 0 ? NaN : j == 1 ? INF : 2.0; });
        make([&](int) { return 42.0; });
        make([&](int j) { return j == 0 ? 80.0 : -80.0; });
    }
    for (int r = 0; r < 6; r++) {
        double shift = std::uniform_real_distribution<double>(-20, 20)(random);
        double scale = r < 4 ? 4.0 : 300.0;
        make([&](int) { return shift + scale * gauss(random); });
    }
    return rows;
}

struct Reference {
    double lse, mean, var;
    bool poisoned;  // softmax undefined: NaN present or maximum not finite
    double max, total;
};

Reference reference(const std::vector<double>& row) {
    Reference ref{};
    bool nan = false, plus = false, minus = false;
    double max = -INF;
    for (double v : row) {
        nan |= std::isnan(v);
        plus |= v == INF;
        minus |= v == -INF;
        if (v > max) max = v;
    }
    ref.max = max;
    ref.poisoned = nan || !std::isfinite(max);
    if (row.empty()) {
        ref.lse = -INF;
    } else if (nan) {
        ref.lse = NaN;
    } else if (!std::isfinite(max)) {
        ref.lse = max;
    } else {
        double total = 0;
        for (double v : row) total += std::exp(v - max);
        ref.total = total;
        ref.lse = max + std::log(total);
    }
    const int n = static_cast<int>(row.size());
    if (n == 0 || nan || (plus && minus)) {
        ref.mean = NaN;
        ref.var = NaN;
    } else if (plus || minus) {
        ref.mean = plus ? INF : -INF;
        ref.var = NaN;
    } else {
        long double sum = 0;
        for (double v : row) sum += v;
        long double mean = sum / n, squares = 0;
        for (double v : row) squares += (v - mean) * (v - mean);
        ref.mean = static_cast<double>(mean);
        ref.var = static_cast<double>(squares / n);
    }
    return ref;
}

template <typename T> struct Kernels;
template <> struct Kernels<float> {
    static constexpr auto softmaxWarp = softmax_warp_f32;
    static constexpr auto softmaxBlock = softmax_block_f32;
    static constexpr auto lseWarp = logsumexp_warp_f32;
    static constexpr auto lseBlock = logsumexp_block_f32;
    static constexpr auto momentsWarp = moments_warp_f32;
    static constexpr auto momentsBlock = moments_block_f32;
    static constexpr auto layerNormWarp = layernorm_warp_f32;
    static constexpr auto layerNormBlock = layernorm_block_f32;
    static constexpr double rel = 3e-5;
    static constexpr const char* name = "f32";
};
template <> struct Kernels<double> {
    static constexpr auto softmaxWarp = softmax_warp_f64;
    static constexpr auto softmaxBlock = softmax_block_f64;
    static constexpr auto lseWarp = logsumexp_warp_f64;
    static constexpr auto lseBlock = logsumexp_block_f64;
    static constexpr auto momentsWarp = moments_warp_f64;
    static constexpr auto momentsBlock = moments_block_f64;
    static constexpr auto layerNormWarp = layernorm_warp_f64;
    static constexpr auto layerNormBlock = layernorm_block_f64;
    static constexpr double rel = 1e-11;
    static constexpr const char* name = "f64";
};

template <typename T> void runShape(int cols, bool warpVariant, unsigned blockThreads) {
    using K = Kernels<T>;
    auto rowsD = testRows(cols, 1000u + cols);
    const int rows = static_cast<int>(rowsD.size());
    std::vector<T> x(static_cast<size_t>(rows) * cols);
    std::vector<std::vector<double>> rowsT(rows);
    for (int r = 0; r < rows; r++) {
        for (int j = 0; j < cols; j++) {
            x[r * cols + j] = static_cast<T>(rowsD[r][j]);
            rowsT[r].push_back(static_cast<double>(x[r * cols + j]));  // reference on the rounded data
        }
    }
    std::vector<int> targets(rows);
    for (int r = 0; r < rows; r++) targets[r] = (r * 7919) % cols;
    std::vector<T> y(x.size()), out(rows), var(rows);
    const unsigned warpGrid = (rows + 3) / 4;
    const std::string tag = std::string(K::name) + (warpVariant ? " warp" : " block") + " cols=" + std::to_string(cols);
    const double rel = K::rel;

    for (int logMode = 0; logMode < 2; logMode++) {
        if (warpVariant) hostLaunch(K::softmaxWarp, warpGrid, 128, x.data(), y.data(), rows, cols, logMode);
        else hostLaunch(K::softmaxBlock, rows, blockThreads, x.data(), y.data(), rows, cols, logMode);
        for (int r = 0; r < rows; r++) {
            Reference ref = reference(rowsT[r]);
            for (int j = 0; j < cols; j++) {
                double v = rowsT[r][j];
                double expected = ref.poisoned ? NaN
                    : logMode ? (v - ref.max) - std::log(ref.total) : std::exp(v - ref.max) / ref.total;
                check(y[r * cols + j], static_cast<double>(static_cast<T>(expected)), rel, logMode ? rel : 1e-300,
                      tag + (logMode ? " logSoftmax" : " softmax") + " row " + std::to_string(r));
            }
        }
    }
    for (int ce = 0; ce < 2; ce++) {
        const int* t = ce ? targets.data() : nullptr;
        if (warpVariant) hostLaunch(K::lseWarp, warpGrid, 128, x.data(), out.data(), t, rows, cols);
        else hostLaunch(K::lseBlock, rows, blockThreads, x.data(), out.data(), t, rows, cols);
        for (int r = 0; r < rows; r++) {
            Reference ref = reference(rowsT[r]);
            double expected = ref.lse;
            if (ce) {
                expected = ref.poisoned ? NaN : (ref.max - rowsT[r][targets[r]]) + std::log(ref.total);
            }
            check(out[r], expected, rel, rel, tag + (ce ? " crossEntropy" : " logSumExp") + " row " + std::to_string(r));
        }
    }
    if (warpVariant) hostLaunch(K::momentsWarp, warpGrid, 128, x.data(), out.data(), var.data(), rows, cols);
    else hostLaunch(K::momentsBlock, rows, blockThreads, x.data(), out.data(), var.data(), rows, cols);
    for (int r = 0; r < rows; r++) {
        Reference ref = reference(rowsT[r]);
        check(out[r], ref.mean, rel, rel * 1e-3, tag + " mean row " + std::to_string(r));
        check(var[r], ref.var, std::is_same<T, float>::value ? 1e-3 : 1e-9, 1e-300, tag + " variance row " + std::to_string(r));
    }
    std::vector<T> gamma(cols), beta(cols);
    for (int j = 0; j < cols; j++) {
        gamma[j] = static_cast<T>(0.5 + (j % 5) * 0.25);
        beta[j] = static_cast<T>(-1 + (j % 3) * 0.5);
    }
    const T eps = static_cast<T>(1e-5);
    if (warpVariant) hostLaunch(K::layerNormWarp, warpGrid, 128, x.data(), y.data(), gamma.data(), beta.data(), rows, cols, eps);
    else hostLaunch(K::layerNormBlock, rows, blockThreads, x.data(), y.data(), gamma.data(), beta.data(), rows, cols, eps);
    for (int r = 0; r < rows; r++) {
        Reference ref = reference(rowsT[r]);
        double invStd = 1 / std::sqrt(ref.var + static_cast<double>(eps));
        for (int j = 0; j < cols; j++) {
            double expected = (rowsT[r][j] - ref.mean) * invStd * static_cast<double>(gamma[j]) + static_cast<double>(beta[j]);
            check(y[r * cols + j], expected, std::is_same<T, float>::value ? 2e-3 : 1e-8,
                  std::is_same<T, float>::value ? 2e-3 : 1e-8, tag + " layerNorm row " + std::to_string(r));
        }
    }
}

void runUnscale() {
    std::vector<float> g(10000);
    for (size_t i = 0; i < g.size(); i++) g[i] = static_cast<float>(i) - 5000.5f;
    g[1] = std::numeric_limits<float>::denorm_min();
    for (int poison = 0; poison < 2; poison++) {
        std::vector<float> h = g;
        if (poison) h[9999] = std::numeric_limits<float>::quiet_NaN();
        std::vector<float> expected = h;
        for (float& v : expected) v = v * 0.5f;
        int flag = 0;
        hostLaunch(unscale_check_f32, 3, 256, h.data(), static_cast<long long>(h.size()), 0.5f, &flag);
        check(flag, poison, 0, 0, "unscale flag");
        for (size_t i = 0; i < h.size(); i++) {
            check(h[i], expected[i], 0, 0, "unscale element " + std::to_string(i));
        }
    }
}

}  // namespace

int main() {
    const int shapes[] = {1, 2, 33, 1024, 1025, 5000};
    for (int cols : shapes) {
        const unsigned natural = cols <= 4096 ? 256 : 512;  // as RowKernelLauncher.blockThreads
        for (bool warp : {true, false}) {
            runShape<float>(cols, warp, warp ? 128 : (cols > 1024 ? natural : 64));
            runShape<double>(cols, warp, warp ? 128 : (cols > 1024 ? natural : 64));
        }
    }
    runUnscale();
    std::printf("%d checks, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
