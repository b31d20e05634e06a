package io.picluster.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Throws junk at a port on loopback: random bytes, a plausible but wrong greeting, a half greeting. */
final class Junk {
  private Junk() {}

  static void sendTo(int port) throws IOException {
    long seed = System.nanoTime();
    System.out.println("junk seed " + seed + " for port " + port);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] noise = new byte[4096];
    random.nextBytes(noise);
    write(port, noise);
    write(port, "PIC1 0123456789abcdef please let me in\n".getBytes(StandardCharsets.US_ASCII));
    write(port, new byte[] {0x31, 0x43, 0x49, 0x50, 1, 2}); // the magic, then it stops
  }

  private static void write(int port, byte[] bytes) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream()) {
      out.write(bytes);
      out.flush();
    } catch (IOException refusedOrReset) {
      // a rank may close on us mid-write: that is the point
    }
  }
}
