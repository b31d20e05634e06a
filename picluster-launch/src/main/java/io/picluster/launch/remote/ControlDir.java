package io.picluster.launch.remote;

import io.picluster.comm.internal.KernelRandom;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * A private folder (700) in the temporary folder for ssh's master-connection sockets, named from
 * {@link KernelRandom}: {@link Files#createTempDirectory} names it with a {@code SecureRandom}, which
 * loads the JDK's security providers first, about 40 to 60 ms of a launch across hosts before its
 * first ssh could start. The name stays short: a socket's path must fit in 108 bytes.
 */
public final class ControlDir {
  private static final int ATTEMPTS = 8;

  private ControlDir() {}

  public static Path create() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    for (int attempt = 1; ; attempt++) {
      Path dir = tmp.resolve("picluster-ssh" + HexFormat.of().formatHex(KernelRandom.bytes(6)));
      try {
        return Files.createDirectory(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException taken) {
        if (attempt == ATTEMPTS) {
          throw taken;
        }
      }
    }
  }
}
