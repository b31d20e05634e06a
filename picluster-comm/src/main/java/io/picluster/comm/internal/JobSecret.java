package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The random secret every connection of one job must present. picluster's launcher makes it and
 * hands it to every rank in {@link #ENVIRONMENT} (never through the key-value space, which anyone
 * on the PMI port could once read); under another launcher (Hydra) rank 0 makes it and the KVS of
 * that launcher shares it.
 */
public final class JobSecret {
  /** The environment variable that carries the secret, hex-encoded, from picluster's launcher. */
  public static final String ENVIRONMENT = "PICLUSTER_JOB_SECRET";

  private JobSecret() {}

  /** A fresh secret, hex-encoded as {@link #ENVIRONMENT} carries it. */
  public static String generateHex() {
    return HexFormat.of().formatHex(generate());
  }

  /**
   * The launcher's secret from the environment, or null if it gave none. Public, as is
   * {@link #generate}, for {@code World}, which a threads-mode rank defines in a loader of its own
   * (see {@code ShmSegment}).
   */
  public static byte[] fromEnvironment(Map<String, String> env) {
    String hex = env.get(ENVIRONMENT);
    if (hex == null) {
      return null;
    }
    try {
      byte[] secret = HexFormat.of().parseHex(hex.trim());
      if (secret.length == Handshake.SECRET_BYTES) {
        return secret;
      }
    } catch (IllegalArgumentException e) {
      // said below
    }
    throw new CommException(ENVIRONMENT + " must be " + 2 * Handshake.SECRET_BYTES
        + " hex digits (picluster's launcher sets it; do not set it by hand)");
  }

  public static byte[] generate() {
    return KernelRandom.bytes(Handshake.SECRET_BYTES);
  }
}
