package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.nio.ByteBuffer;

/** Where the payload bytes of one arriving message go, as they arrive. */
interface Sink {
  /**
   * Takes up to {@code max} bytes from {@code in}, advancing it.
   *
   * @return the bytes taken; fewer than offered only when a typed array waits for a whole element
   */
  int accept(ByteBuffer in, int max);

  /** The whole payload has been accepted. */
  void complete();

  /** The rest of the payload will never come: fail whoever waits for this message. */
  void abandon(CommException why);

  /** A sink that drops the payload of a message that was already answered with an error. */
  Sink DISCARD = new Sink() {
    @Override
    public int accept(ByteBuffer in, int max) {
      in.position(in.position() + max);
      return max;
    }

    @Override
    public void complete() {}

    @Override
    public void abandon(CommException why) {}
  };
}
