package io.picluster.launch.openmpi;

import io.picluster.launch.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * libpicluster-pmi.so, the PMI-1 client Open MPI 4's ranks load (see {@link OpenMpiBridge}): built
 * for each architecture by picluster's own build (src/main/native) and carried in the jar under
 * {@code native/<arch>/}. On each host it is copied out to the user's cache folder (700, as for staged
 * files), under a name that holds its checksum: a file already there is the same library, and two
 * picluster versions never overwrite each other's copy while a job of the other runs.
 */
public final class PmiShim {
  static final String FILE = "libpicluster-pmi.so";
  /** The cross compiler Debian packages for each architecture, for the message when one was missing. */
  private static final Map<String, String> COMPILER = Map.of(
      "amd64", "gcc-x86-64-linux-gnu", "arm64", "gcc-aarch64-linux-gnu", "armhf", "gcc-arm-linux-gnueabihf");

  private PmiShim() {}

  /** The resource holding the library for {@code arch} ("amd64", "arm64", "armhf"). */
  static String resource(String arch) {
    return "/native/" + arch + "/" + FILE;
  }

  /** Whether this picluster carries the library for {@code arch} ({@code doctor} checks each node's). */
  public static boolean carries(String arch) {
    return PmiShim.class.getResource(resource(arch)) != null;
  }

  /** How to get a picluster that carries the library for {@code arch}: one line, for a fix. */
  public static String howToBuild(String arch) {
    return "build picluster where " + COMPILER.get(arch) + " is installed (apt-get install "
        + COMPILER.get(arch) + "; mvn -B -Prelease package, which fails rather than leave an"
        + " architecture out)";
  }

  /**
   * The library for {@code arch} in {@code cacheDir}, copied there first if it is not yet.
   *
   * @throws LaunchException one line saying what is missing and how to get it
   */
  public static Path extract(String arch, Path cacheDir) throws LaunchException {
    if (arch == null) {
      throw new LaunchException("Open MPI programs run under picluster on amd64, arm64 and armhf only;"
          + " this program is built for another architecture");
    }
    byte[] library;
    try (InputStream in = PmiShim.class.getResourceAsStream(resource(arch))) {
      if (in == null) {
        throw new LaunchException("this picluster was built without its Open MPI library for " + arch
            + " (native/" + arch + "/" + FILE + "); " + howToBuild(arch));
      }
      library = in.readAllBytes();
    } catch (IOException e) {
      throw new LaunchException("cannot read picluster's Open MPI library for " + arch + ": " + e.getMessage());
    }
    Path file = cacheDir.resolve(sha256(library).substring(0, 16) + "-" + arch + "-" + FILE);
    try {
      if (Files.isRegularFile(file) && Files.size(file) == library.length) {
        return file;
      }
      Files.createDirectories(cacheDir);
      Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwx------"));
      Path part = Files.createTempFile(cacheDir, FILE, ".part");
      try {
        Files.write(part, library);
        Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwx------"));
        try {
          Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(part);
      }
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      throw new LaunchException("cannot copy picluster's Open MPI library to " + cacheDir + ": " + e.getMessage());
    }
  }

  /** ~/.cache/picluster (or under XDG_CACHE_HOME), the folder the agents use too. */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("picluster");
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
