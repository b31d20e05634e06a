package io.picluster.launch.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.launch.hosts.HostList;
import io.picluster.launch.hosts.LocalHostCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy whose only host is this machine: no SSH, the same rules as for other hosts. */
class FileCopyTest {
  @TempDir Path dir;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private boolean copy(List<String> files, String to, String hosts) throws Exception {
    out = new StringWriter();
    err = new StringWriter();
    CopyOutput output = new CopyOutput(new PrintWriter(out), new PrintWriter(err), false);
    return new FileCopy(CopyPlan.of(files, to, dir), HostList.parseHostsOption(hosts),
        LocalHostCheck.forThisMachine(), output).run();
  }

  private Path file(String name, byte[] content, String mode) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  private List<String> leftovers() throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(p -> p.getFileName().toString()).filter(n -> n.contains("picluster-part"))
          .toList();
    }
  }

  @Test
  void withoutToTheFilesAreAlreadyThere() throws Exception {
    file("a", new byte[] {1}, "rw-r--r--");
    assertThat(copy(List.of("a"), null, "localhost")).isTrue();
    assertThat(out.toString()).isEqualTo("localhost: 0 copied, 1 already there\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void withToTheFilesAreCopiedOnceWithTheirModes() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("FileCopyTest seed " + seed);
    byte[] big = new byte[(3 << 20) + new Random(seed).nextInt(1000)];
    new Random(seed).nextBytes(big);
    file("big.bin", big, "rwxr-x---");
    file("small.txt", "hi\n".getBytes(), "rw-r--r--");
    assertThat(copy(List.of("big.bin", "small.txt"), "out/sub", "localhost,127.0.0.1")).isTrue();
    // Two names for this machine, served one at a time in either order: whichever comes first
    // copies, the other finds the files there.
    assertThat(out.toString()).isIn(
        "localhost: 2 copied, 0 already there\n127.0.0.1: 0 copied, 2 already there\n",
        "localhost: 0 copied, 2 already there\n127.0.0.1: 2 copied, 0 already there\n");
    assertThat(err.toString()).matches(
        "(localhost|127\\.0\\.0\\.1): " + dir.resolve("out/sub/big.bin")
            + " copied, 3\\.0 MiB in [0-9.]+ s\n");
    assertThat(Files.readAllBytes(dir.resolve("out/sub/big.bin"))).isEqualTo(big);
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("out/sub/big.bin")))).isEqualTo("rwxr-x---");
    assertThat(Files.readString(dir.resolve("out/sub/small.txt"))).isEqualTo("hi\n");
    assertThat(leftovers()).isEmpty();

    assertThat(copy(List.of("big.bin", "small.txt"), "out/sub", "localhost")).isTrue();
    assertThat(out.toString()).isEqualTo("localhost: 0 copied, 2 already there\n");

    // A different mode or content is not "there".
    Files.setPosixFilePermissions(dir.resolve("out/sub/big.bin"),
        PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(dir.resolve("out/sub/small.txt"), "ho\n");
    assertThat(copy(List.of("big.bin", "small.txt"), "out/sub", "localhost")).isTrue();
    assertThat(out.toString()).isEqualTo("localhost: 2 copied, 0 already there\n");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("out/sub/big.bin")))).isEqualTo("rwxr-x---");
    assertThat(Files.readString(dir.resolve("out/sub/small.txt"))).isEqualTo("hi\n");
  }

  @Test
  void aFolderInTheWayFailsThatFileOnly() throws Exception {
    file("a", new byte[] {1}, "rw-r--r--");
    file("b", new byte[] {2}, "rw-r--r--");
    Files.createDirectories(dir.resolve("out/a"));
    assertThat(copy(List.of("a", "b"), "out", "localhost")).isFalse();
    assertThat(err.toString()).isEqualTo("picluster: cannot copy " + dir.resolve("a") + " to "
        + dir.resolve("out/a") + " on localhost: " + dir.resolve("out/a") + " is a folder\n");
    assertThat(out.toString()).isEqualTo("localhost: 1 copied, 0 already there, 1 failed\n");
    assertThat(dir.resolve("out/b")).hasContent("\u0002");
  }

  @Test
  void aFileInThePlaceOfTheFolderIsNamed() throws Exception {
    file("a", new byte[] {1}, "rw-r--r--");
    file("plain", new byte[] {1}, "rw-r--r--");
    assertThat(copy(List.of("a"), "plain/sub", "localhost")).isFalse();
    assertThat(err.toString()).isEqualTo("picluster: cannot copy " + dir.resolve("a") + " to "
        + dir.resolve("plain/sub/a") + " on localhost: " + dir.resolve("plain/sub")
        + ": Not a directory\n");
    assertThat(copy(List.of("a"), "plain", "localhost")).isFalse();
    assertThat(err.toString()).isEqualTo("picluster: cannot copy " + dir.resolve("a") + " to "
        + dir.resolve("plain/a") + " on localhost: " + dir.resolve("plain")
        + " is in the way (not a folder)\n");
    assertThat(leftovers()).isEmpty();
  }
}
