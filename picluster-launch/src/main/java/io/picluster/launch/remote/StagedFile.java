package io.picluster.launch.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A file the ranks of other hosts need, and where it lives in every host's per-user cache
 * ({@code ~/.cache/picluster/}): under its content's SHA-256, so a file already there is the same
 * file, and a changed file gets a new place instead of overwriting one a running job may use.
 *
 * @param local the file on the launcher's host
 * @param cacheName its path inside the cache: {@code HASH/NAME}
 * @param executable whether to keep it executable
 */
public record StagedFile(Path local, String cacheName, boolean executable) {
  /** Hex digits of the hash kept in the name: 64 bits, collision-free for any real cache. */
  private static final int HASH_DIGITS = 16;

  public static StagedFile of(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no file " + file + " to stage");
    }
    return new StagedFile(file, sha256(file).substring(0, HASH_DIGITS) + "/" + safeName(file),
        Files.isExecutable(file));
  }

  /** The file's own name, with anything a shell or a space-separated list could trip on replaced. */
  static String safeName(Path file) {
    String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._+-]", "_");
    return name.startsWith(".") ? "_" + name.substring(1) : name;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) {
      hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
    }
    return hex.toString();
  }
}
