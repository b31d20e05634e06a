package io.picluster.setup.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The program {@code doctor --program PATH} looks for on every node: its absolute path, and the
 * SHA-256 and executable bit of this machine's copy, which every node's copy must match.
 *
 * @param path the absolute path, the same on every node
 * @param sha256 lower-case hex, as {@code sha256sum} prints it
 * @param executable whether this machine's copy may be executed
 */
public record ProgramFile(String path, String sha256, boolean executable) {

  /**
   * Reads this machine's copy. A relative path is taken from the current folder, as {@code
   * picluster copy} does, so both put and look for the file at the same absolute path.
   */
  public static ProgramFile of(Path file) throws IOException {
    Path p = file.toAbsolutePath().normalize();
    if (!Files.exists(p)) {
      throw new IOException(p + ": no such file here (doctor compares every node's copy with this"
          + " machine's)");
    }
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + " is not a file");
    }
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(p)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : d.digest()) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return new ProgramFile(p.toString(), hex.toString(), Files.isExecutable(p));
  }

  /** The first 8 hex digits, for messages. */
  public String shortSha() {
    return sha256.substring(0, 8);
  }
}
