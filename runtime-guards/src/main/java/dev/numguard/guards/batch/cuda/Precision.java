package dev.numguard.guards.batch.cuda;

/** Element type of a batch: selects the kernel variant ({@code _f32} / {@code _f64}). */
enum Precision {
  F32("f32", Float.BYTES),
  F64("f64", Double.BYTES);

  final String suffix;
  final int bytes;

  Precision(String suffix, int bytes) {
    this.suffix = suffix;
    this.bytes = bytes;
  }
}
