package io.picluster.comm.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Random bytes for secrets and ids, read from the kernel's CSPRNG ({@code /dev/urandom}) directly:
 * {@link SecureRandom} would first load the JDK's security providers, 10 to 20 ms of every job's
 * start-up. It is still the fallback where there is no such device.
 */
public final class KernelRandom {
  private KernelRandom() {}

  /** {@code n} random bytes. */
  public static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    try (InputStream random = new FileInputStream("/dev/urandom")) {
      if (random.readNBytes(bytes, 0, n) == n) {
        return bytes;
      }
    } catch (IOException notLinux) {
      // fall through
    }
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
