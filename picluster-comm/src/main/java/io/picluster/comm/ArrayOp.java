package io.picluster.comm;

/**
 * A reduction on primitive arrays of any type, element by element: {@code inout[i] = in[i] op
 * inout[i]} for {@code count} elements from the two offsets, where {@code in} holds the
 * contribution of lower ranks. That is MPI's order, so an operation that is not commutative gives
 * the rank-order result as long as it is associative. It must not change {@code in}.
 *
 * <p>Example: an element-wise maximum of {@code float[]}:
 * <pre>{@code
 * ArrayOp max = (in, io, inout, ioo, n) -> {
 *   for (int i = 0; i < n; i++) ((float[]) inout)[ioo + i] = Math.max(((float[]) in)[io + i], ((float[]) inout)[ioo + i]);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ArrayOp {
  void apply(Object in, int inOffset, Object inout, int inoutOffset, int count);
}
