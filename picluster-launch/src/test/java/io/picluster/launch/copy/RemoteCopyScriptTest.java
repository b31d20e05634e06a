package io.picluster.launch.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell scripts a remote host runs, run here with sh (what ssh would run them with), and how
 * RemoteCopy reads the answers.
 */
class RemoteCopyScriptTest {
  @TempDir Path dir;

  private record Run(int code, String stdout, String stderr) {}

  private Run sh(String script, List<String> args, Path stdin, Map<String, String> env)
      throws Exception {
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "picluster-copy"));
    argv.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    pb.redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile());
    Path out = dir.resolve("../" + dir.getFileName() + ".out");
    Path err = dir.resolve("../" + dir.getFileName() + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  private Path file(String name, String content, String mode) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
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
  void theCheckAnswersChecksumAndModeAFolderOrNothingPerDestination() throws Exception {
    Path f = file("has it", "abc", "rw-r-----");
    Files.createDirectories(dir.resolve("folder"));
    Run r = sh(RemoteCopy.CHECK_SCRIPT,
        List.of(f.toString(), dir.resolve("folder").toString(), dir.resolve("gone").toString()),
        null, Map.of("s", "set-by-the-user"));
    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("picluster-check\n"
        + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad 640\n"
        + "dir\n-\npicluster-checked\n");
  }

  @Test
  void theCopyCreatesFoldersKeepsTheModeAndLeavesNoTemporaryFile() throws Exception {
    Path source = file("src", "hello\n", "rwxr-x---");
    String sha = Sha256.of(source);
    Path dest = dir.resolve("a b/c/hello it's");
    Run r = sh(RemoteCopy.COPY_SCRIPT, List.of(dest.toString(), "750", sha, "6"), source, Map.of());
    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(Files.readString(dest)).isEqualTo("hello\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)))
        .isEqualTo("rwxr-x---");
    assertThat(leftovers()).isEmpty();
    // The check now finds it, and RemoteCopy counts it as there.
    Run check = sh(RemoteCopy.CHECK_SCRIPT, List.of(dest.toString()), null, Map.of());
    String answer = check.stdout().lines().toList().get(1);
    assertThat(RemoteCopy.same(answer, new CopyItem(source, dest.toString(), 6, sha, 0750)))
        .isTrue();
    assertThat(RemoteCopy.same(answer, new CopyItem(source, dest.toString(), 6, sha, 0755)))
        .isFalse();
  }

  @Test
  void aDamagedCopyLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    Path source = file("src", "new content", "rw-r--r--");
    Path dest = file("dest", "old content", "rw-r--r--");
    String wrong = Sha256.hex(new byte[32]);
    Run r = sh(RemoteCopy.COPY_SCRIPT, List.of(dest.toString(), "644", wrong, "11"), source,
        Map.of());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.stderr().strip()).isEqualTo("the copy arrived damaged (the connection broke?); "
        + dest + " was left as it was");
    assertThat(Files.readString(dest)).isEqualTo("old content");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aFolderInTheWayIsReportedAndLeftAlone() throws Exception {
    Path source = file("src", "x", "rw-r--r--");
    Path dest = dir.resolve("folder");
    Files.createDirectories(dest.resolve("inside"));
    Run r = sh(RemoteCopy.COPY_SCRIPT, List.of(dest.toString(), "644", Sha256.of(source), "1"),
        source, Map.of());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.stderr().strip()).isEqualTo(dest + " is a folder there");
    assertThat(dest.resolve("inside")).isDirectory();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aFileInTheWayOfTheFolderIsSaidBySh() throws Exception {
    Path source = file("src", "x", "rw-r--r--");
    file("plain", "x", "rw-r--r--");
    Run r = sh(RemoteCopy.COPY_SCRIPT,
        List.of(dir.resolve("plain/sub/x").toString(), "644", Sha256.of(source), "1"), source,
        Map.of());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.stderr()).contains("mkdir").contains("plain");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void withoutSha256sumTheLengthIsChecked() throws Exception {
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    for (String tool : List.of("cat", "mkdir", "chmod", "mv", "rm", "wc", "stat")) {
      Path real = Stream.of("/usr/bin/" + tool, "/bin/" + tool).map(Path::of)
          .filter(Files::isExecutable).findFirst().orElseThrow();
      // A wrapper, not a link: JUnit warns about links out of its temporary folder.
      Path wrapper = bin.resolve(tool);
      Files.writeString(wrapper, "#!/bin/sh\nexec " + real + " \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Map<String, String> env = Map.of("PATH", bin.toString());
    Path source = file("src", "12345", "rw-r--r--");
    Path dest = dir.resolve("out/dest");
    Run shortBy1 = sh(RemoteCopy.COPY_SCRIPT, List.of(dest.toString(), "644", "x", "6"), source, env);
    assertThat(shortBy1.code()).isEqualTo(1);
    assertThat(shortBy1.stderr()).contains("the copy arrived incomplete");
    assertThat(dest).doesNotExist();
    Run ok = sh(RemoteCopy.COPY_SCRIPT, List.of(dest.toString(), "600", "x", "5"), source, env);
    assertThat(ok.code()).as(ok.stderr()).isZero();
    assertThat(Files.readString(dest)).isEqualTo("12345");
    assertThat(leftovers()).isEmpty();
    // Nothing to compare with there: every file is copied.
    Run check = sh(RemoteCopy.CHECK_SCRIPT, List.of(dest.toString()), null, env);
    assertThat(check.stdout()).isEqualTo("picluster-check\n-\npicluster-checked\n");
  }

  @Test
  void answersAreComparedByChecksumAndMode() {
    CopyItem item = new CopyItem(Path.of("/a"), "/a", 1, "abc", 0755);
    assertThat(RemoteCopy.same("abc 755", item)).isTrue();
    assertThat(RemoteCopy.same("abc 4755", item)).isTrue();
    assertThat(RemoteCopy.same("abc ?", item)).isTrue();
    assertThat(RemoteCopy.same("abc 644", item)).isFalse();
    assertThat(RemoteCopy.same("abd 755", item)).isFalse();
    assertThat(RemoteCopy.same("-", item)).isFalse();
    assertThat(RemoteCopy.same("dir", item)).isFalse();
    assertThat(RemoteCopy.same("", item)).isFalse();
  }

  @Test
  void manyFilesAreNamedShortly() {
    CopyItem a = new CopyItem(Path.of("/a"), "/a", 1, "", 0644);
    CopyItem b = new CopyItem(Path.of("/b"), "/b", 1, "", 0644);
    CopyItem c = new CopyItem(Path.of("/c"), "/c", 1, "", 0644);
    assertThat(RemoteCopy.names(List.of(a))).isEqualTo("/a");
    assertThat(RemoteCopy.names(List.of(a, b))).isEqualTo("/a and /b");
    assertThat(RemoteCopy.names(List.of(a, b, c, c))).isEqualTo("/a, /b and 2 more files");
  }
}
