package io.picluster.comm.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/** The random secret every connection of one job must present (rank 0 makes it, PMI shares it). */
final class JobSecret {
  private JobSecret() {}

  static byte[] generate() {
    byte[] secret = new byte[Handshake.SECRET_BYTES];
    // The kernel's CSPRNG directly: SecureRandom would first load the JDK's security providers,
    // tens of milliseconds of every job's start-up.
    try (InputStream random = new FileInputStream("/dev/urandom")) {
      if (random.readNBytes(secret, 0, secret.length) == secret.length) {
        return secret;
      }
    } catch (IOException notLinux) {
      // fall through
    }
    new SecureRandom().nextBytes(secret);
    return secret;
  }
}
