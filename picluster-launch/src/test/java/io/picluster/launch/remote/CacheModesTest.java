package io.picluster.launch.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The staging cache the agent runs its jar from is its user's alone. */
@Timeout(60)
class CacheModesTest {
  @TempDir Path home;

  @Test
  void aStagedFileKeepsItsModeInAFolderNobodyElseMayEnter() throws Exception {
    Path cache = home.resolve("picluster");
    Files.createDirectories(cache, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxrwxr-x"))); // as an earlier, looser version left it
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxr-x"));
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", "umask 002; sh -c \"$0\" copy \"$@\"",
        RemoteHost.COPY_SCRIPT, "0123abcd/job.sh", "755");
    pb.environment().put("XDG_CACHE_HOME", home.toString());
    Process p = pb.start();
    p.getOutputStream().write("echo hi\n".getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(
            Files.getPosixFilePermissions(cache.resolve("0123abcd"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(
            Files.getPosixFilePermissions(cache.resolve("0123abcd/job.sh"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(Files.readString(cache.resolve("0123abcd/job.sh"))).isEqualTo("echo hi\n");
  }
}
