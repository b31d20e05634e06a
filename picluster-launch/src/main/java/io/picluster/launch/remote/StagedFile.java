package io.picluster.launch.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A file the ranks of other hosts need, and where it lives in every host's per-user cache
 * ({@code ~/.cache/picluster/}): under a checksum of its content, so a file already there is the
 * same file, and a changed file gets a new place instead of overwriting one a running job may use.
 *
 * <p>The checksum is CRC-32C with the length, not SHA-256: the JDK computes it in hardware at
 * gigabytes per second without loading the security providers (SHA-256 costs a launch about 50 ms
 * of start-up, most of it class loading), and the cache only has to tell versions of the same file
 * apart, by accident, not against someone who can write to the user's own cache anyway.
 *
 * @param local the file on the launcher's host
 * @param cacheName its path inside the cache: {@code CHECKSUM/NAME}
 * @param executable whether to keep it executable
 */
public record StagedFile(Path local, String cacheName, boolean executable) {

  public static StagedFile of(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no file " + file + " to stage");
    }
    return new StagedFile(file, checksum(file) + "/" + safeName(file), Files.isExecutable(file));
  }

  /** The file's own name, with anything a shell or a space-separated list could trip on replaced. */
  static String safeName(Path file) {
    String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._+-]", "_");
    return name.startsWith(".") ? "_" + name.substring(1) : name;
  }

  /** CRC-32C and length in hex, e.g. {@code 1a2b3c4d-a9c47}. */
  static String checksum(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    long length = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        crc.update(buf, 0, n);
        length += n;
      }
    }
    String hex = Long.toHexString(crc.getValue());
    return "00000000".substring(hex.length()) + hex + "-" + Long.toHexString(length);
  }
}
