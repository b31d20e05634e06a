package io.picluster.launch.openmpi;

import io.picluster.launch.LaunchException;
import io.picluster.launch.OlderVersions;
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
 * picluster's native files for Open MPI ranks, built for each architecture by picluster's own build
 * (src/main/native) and carried in the jar under {@code native/<arch>/}: {@link #PMI_LIBRARY}, the
 * PMI-1 client Open MPI 4's ranks load (see {@link OpenMpiBridge}), and {@link #PMIX_HELPER}, the
 * node's PMIx server for Open MPI 5's (see {@link PmixHelper}). On each host one is copied out to the
 * user's cache folder (700, as for staged files), under a name that holds its checksum: a file
 * already there is the same one, and two picluster versions never overwrite each other's copy while
 * a job of the other runs.
 */
public final class NativeFile {
  public static final String PMI_LIBRARY = "libpicluster-pmi.so";
  public static final String PMIX_HELPER = "picluster-pmix";
  /** How much of the content's SHA-256, in hex, names a copy. */
  private static final int CHECKSUM_CHARS = 16;
  /** The cross compiler Debian packages for each architecture, for the message when one was missing. */
  private static final Map<String, String> COMPILER = Map.of(
      "amd64", "gcc-x86-64-linux-gnu", "arm64", "gcc-aarch64-linux-gnu", "armhf", "gcc-arm-linux-gnueabihf");

  private NativeFile() {}

  /** The resource holding {@code file} for {@code arch} ("amd64", "arm64", "armhf"). */
  static String resource(String file, String arch) {
    return "/native/" + arch + "/" + file;
  }

  /** Whether this picluster carries both native files for {@code arch} ({@code doctor} checks each node's). */
  public static boolean carries(String arch) {
    return NativeFile.class.getResource(resource(PMI_LIBRARY, arch)) != null
        && NativeFile.class.getResource(resource(PMIX_HELPER, arch)) != null;
  }

  /** How to get a picluster that carries the native files for {@code arch}: one line, for a fix. */
  public static String howToBuild(String arch) {
    String needs = COMPILER.get(arch) + " libpmix-dev";
    return "build picluster where " + COMPILER.get(arch) + " and libpmix-dev are installed (apt-get install "
        + needs + "; mvn -B -Prelease package, which fails rather than leave an architecture out)";
  }

  /**
   * {@code file} for {@code arch} in {@code cacheDir}, copied there first if it is not yet.
   *
   * @throws LaunchException one line saying what is missing and how to get it
   */
  public static Path extract(String file, String arch, Path cacheDir) throws LaunchException {
    if (arch == null) {
      throw new LaunchException("Open MPI programs run under picluster on amd64, arm64 and armhf only;"
          + " this program is built for another architecture");
    }
    byte[] bytes;
    try (InputStream in = NativeFile.class.getResourceAsStream(resource(file, arch))) {
      if (in == null) {
        throw new LaunchException("this picluster was built without its Open MPI " + what(file) + " for " + arch
            + " (native/" + arch + "/" + file + "); " + howToBuild(arch));
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new LaunchException("cannot read picluster's Open MPI " + what(file) + " for " + arch + ": " + e.getMessage());
    }
    String suffix = "-" + arch + "-" + file;
    Path copy = cacheDir.resolve(sha256(bytes).substring(0, CHECKSUM_CHARS) + suffix);
    try {
      if (Files.isRegularFile(copy) && Files.size(copy) == bytes.length) {
        return copy;
      }
      Files.createDirectories(cacheDir);
      Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwx------"));
      Path part = Files.createTempFile(cacheDir, file, ".part");
      try {
        Files.write(part, bytes);
        Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwx------"));
        try {
          Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(part);
      }
      // A new picluster's copy: those of older ones go, but for the newest few.
      OlderVersions.prune(cacheDir, name -> name.length() == CHECKSUM_CHARS + suffix.length()
          && name.endsWith(suffix), copy);
      return copy;
    } catch (IOException | UnsupportedOperationException e) {
      throw new LaunchException("cannot copy picluster's Open MPI " + what(file) + " to " + cacheDir + ": "
          + e.getMessage());
    }
  }

  private static String what(String file) {
    return file.equals(PMIX_HELPER) ? "PMIx helper" : "library";
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
