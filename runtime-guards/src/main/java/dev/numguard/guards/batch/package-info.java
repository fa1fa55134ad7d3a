/**
 * Batched, row-wise stable operations on row-major matrices in flat {@code float[]} and {@code
 * double[]} arrays — softmax, log-softmax, log-sum-exp, cross-entropy, mean and variance, layer
 * norm, and the loss scaler's fused unscale-and-check — with the semantics of the scalar
 * runtime-guards functions, on the CPU or on a CUDA GPU.
 *
 * <pre>{@code
 * BatchOps ops = Backends.configured();            // numguard.backend / NUMGUARD_BACKEND, else auto
 * ops.softmaxRows(logits, rows, cols, probabilities);
 * ops.crossEntropyRows(logits, rows, cols, targets, losses);
 * }</pre>
 *
 * <h2>Backends</h2>
 *
 * <ul>
 *   <li>{@link dev.numguard.guards.batch.CpuBatchOps}: always available; rows are split across the
 *       common fork-join pool for batches of at least 2<sup>15</sup> elements.
 *   <li>{@code dev.numguard.guards.batch.cuda.CudaBatchOps}: JCuda's driver API and PTX kernels
 *       shipped in this jar ({@link dev.numguard.guards.batch.KernelPtx}); needs {@code
 *       org.jcuda:jcuda} (an optional dependency: add it to use the GPU), the NVIDIA driver (CUDA
 *       12.0 or newer) and a device.
 *   <li>{@link dev.numguard.guards.batch.AutoBatchOps}: CUDA for batches of at least 2<sup>18</sup>
 *       elements when CUDA is available, the CPU otherwise, with one log line saying why.
 * </ul>
 *
 * <h2>Kernels</h2>
 *
 * {@code src/main/cuda/kernels.cu}: one-pass online maximum and normaliser for the softmax family
 * (Milakov and Gimelshein), Welford updates with Chan merges for moments and layer norm; one warp
 * per row for rows of up to 1024 elements, one block per row beyond. The GPU accumulates in the
 * element type (as PyTorch does), so float results agree with the CPU backend (which accumulates
 * float rows in double) to float precision rather than bit for bit; special values (empty rows,
 * infinities, NaN) agree exactly.
 *
 * <h2>Checking on a GPU</h2>
 *
 * The tests tagged {@code gpu} compare the CUDA backend with the CPU backend; {@code
 * scripts/gpu-check.sh} runs them and a bandwidth benchmark against the device's peak and against
 * PyTorch on a machine without Java, using the runtime built by {@code
 * scripts/build-gpu-bundle.sh}.
 */
package dev.numguard.guards.batch;
