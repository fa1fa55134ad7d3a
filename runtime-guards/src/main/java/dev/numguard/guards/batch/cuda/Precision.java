package dev.numguard.guards.batch.cuda;

import jcuda.Pointer;

/**
 * Element type of a batch: selects the kernel variant ({@code _f32} / {@code _f64}) and turns the
 * host array ({@code float[]} or {@code double[]}) into a JCuda pointer.
 */
enum Precision {
  F32("f32", Float.BYTES) {
    @Override
    Pointer pointerTo(Object array) {
      return Pointer.to((float[]) array);
    }
  },
  F64("f64", Double.BYTES) {
    @Override
    Pointer pointerTo(Object array) {
      return Pointer.to((double[]) array);
    }
  };

  final String suffix;
  final int bytes;

  Precision(String suffix, int bytes) {
    this.suffix = suffix;
    this.bytes = bytes;
  }

  /** A pointer to a host array of this precision's element type. */
  abstract Pointer pointerTo(Object array);
}
