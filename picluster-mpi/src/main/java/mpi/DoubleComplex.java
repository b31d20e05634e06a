package mpi;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;

/**
 * Open MPI's view of one complex number (real, imaginary) of {@link MPI#DOUBLE_COMPLEX} data held
 * in a double[] or a buffer: complex number index is at elements 2*index and 2*index+1.
 */
public final class DoubleComplex {
  private final DoubleBuffer buffer;

  private DoubleComplex(DoubleBuffer buffer) {
    this.buffer = buffer;
  }

  public static DoubleComplex get(double[] array) {
    return get(array, 0);
  }

  public static DoubleComplex get(double[] array, int index) {
    return new DoubleComplex(DoubleBuffer.wrap(array, index * 2, 2).slice());
  }

  public static DoubleComplex get(DoubleBuffer buffer) {
    return get(buffer, 0);
  }

  public static DoubleComplex get(DoubleBuffer buffer, int index) {
    DoubleBuffer d = buffer.duplicate();
    d.clear();
    d.position(index * 2);
    d.limit(index * 2 + 2);
    return new DoubleComplex(d.slice());
  }

  public static DoubleComplex get(ByteBuffer buffer) {
    return get(buffer, 0);
  }

  public static DoubleComplex get(ByteBuffer buffer, int index) {
    ByteBuffer d = buffer.duplicate();
    d.clear();
    d.position(index * 16);
    d.limit(index * 16 + 16);
    return new DoubleComplex(d.slice().order(buffer.order()).asDoubleBuffer());
  }

  /** The two elements (real, imaginary) as a buffer. */
  public DoubleBuffer getBuffer() {
    return buffer;
  }

  public double getReal() {
    return buffer.get(0);
  }

  public double getImag() {
    return buffer.get(1);
  }

  public void putReal(double real) {
    buffer.put(0, real);
  }

  public void putImag(double imag) {
    buffer.put(1, imag);
  }
}
