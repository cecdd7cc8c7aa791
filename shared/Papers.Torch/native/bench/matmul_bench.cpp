// The C++ side of the matmul benchmark: the same at::matmul the C# library calls, timed the same way
// (warm-up calls, then the median of timed calls). Usage: matmul_bench N threads warmup reps
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 5) { std::fprintf(stderr, "usage: matmul_bench N threads warmup reps\n"); return 2; }
    const int64_t n = std::atoll(argv[1]);
    const int threads = std::atoi(argv[2]), warmup = std::atoi(argv[3]), reps = std::atoi(argv[4]);
    at::set_num_threads(threads);
    typedef void (*set_fn)(int);
    if (auto f = (set_fn)dlsym(RTLD_DEFAULT, "openblas_set_num_threads")) f(threads);
    auto gen = at::detail::createCPUGenerator(0);
    auto a = at::randn({n, n}, gen, at::kFloat), b = at::randn({n, n}, gen, at::kFloat);
    for (int i = 0; i < warmup; i++) at::matmul(a, b);
    std::vector<double> ms;
    for (int i = 0; i < reps; i++) {
        auto t0 = std::chrono::steady_clock::now();
        auto c = at::matmul(a, b);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%.4f %.4f\n", ms[ms.size() / 2], ms.front());
    return 0;
}
