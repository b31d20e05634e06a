package mpi;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Open MPI's view of one complex number (real, imaginary) of {@link MPI#FLOAT_COMPLEX} data held
 * in a float[] or a buffer: complex number index is at elements 2*index and 2*index+1.
 */
public final class FloatComplex {
  private final FloatBuffer buffer;

  private FloatComplex(FloatBuffer buffer) {
    this.buffer = buffer;
  }

  public static FloatComplex get(float[] array) {
    return get(array, 0);
  }

  public static FloatComplex get(float[] array, int index) {
    return new FloatComplex(FloatBuffer.wrap(array, index * 2, 2).slice());
  }

  public static FloatComplex get(FloatBuffer buffer) {
    return get(buffer, 0);
  }

  public static FloatComplex get(FloatBuffer buffer, int index) {
    FloatBuffer d = buffer.duplicate();
    d.clear();
    d.position(index * 2);
    d.limit(index * 2 + 2);
    return new FloatComplex(d.slice());
  }

  public static FloatComplex get(ByteBuffer buffer) {
    return get(buffer, 0);
  }

  public static FloatComplex get(ByteBuffer buffer, int index) {
    ByteBuffer d = buffer.duplicate();
    d.clear();
    d.position(index * 8);
    d.limit(index * 8 + 8);
    return new FloatComplex(d.slice().order(buffer.order()).asFloatBuffer());
  }

  /** The two elements (real, imaginary) as a buffer. */
  public FloatBuffer getBuffer() {
    return buffer;
  }

  public float getReal() {
    return buffer.get(0);
  }

  public float getImag() {
    return buffer.get(1);
  }

  public void putReal(float real) {
    buffer.put(0, real);
  }

  public void putImag(float imag) {
    buffer.put(1, imag);
  }
}
