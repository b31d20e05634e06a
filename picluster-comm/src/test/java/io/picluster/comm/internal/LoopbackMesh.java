package io.picluster.comm.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The engines of a job whose ranks are threads of this JVM, connected over loopback TCP. */
public final class LoopbackMesh {
  private LoopbackMesh() {}

  /** One engine per rank, connecting; a world of one rank has no sockets, as in a real job. */
  public static Engine[] open(int size) {
    if (size == 1) {
      return new Engine[] {Engine.single()};
    }
    Engine[] engines = new Engine[size];
    InetSocketAddress[] addresses = new InetSocketAddress[size];
    for (int r = 0; r < size; r++) {
      engines[r] = Engine.listen(r, size, InetAddress.getLoopbackAddress(), 20_000);
      addresses[r] = engines[r].listenAddress();
    }
    byte[] secret = JobSecret.generate();
    for (Engine engine : engines) {
      engine.connect(secret, addresses);
    }
    return engines;
  }
}
