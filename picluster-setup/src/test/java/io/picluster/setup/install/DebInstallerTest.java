package io.picluster.setup.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The --deb install script, run here by sh on a small real package built with dpkg-deb. */
@Timeout(120)
class DebInstallerTest {
  @TempDir Path dir;

  /** A real (tiny) Debian package, made with dpkg-deb as a package build makes one. */
  private Path tinyPackage() throws Exception {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("DEBIAN"));
    Files.createDirectories(tree.resolve("usr/share/picluster-test"));
    Files.writeString(tree.resolve("usr/share/picluster-test/hello"), "hello\n");
    Files.writeString(tree.resolve("DEBIAN/control"), "Package: picluster-test\nVersion: 1.0\n"
        + "Architecture: all\nMaintainer: t <t@example.org>\nDescription: test\n");
    Path deb = dir.resolve("picluster-test_1.0_all.deb");
    assertThat(run(null, null, "dpkg-deb", "--root-owner-group", "--build", tree.toString(), deb.toString()))
        .startsWith("0:");
    return deb;
  }

  private String run(Path stdin, String user, String... command) throws Exception {
    List<String> c = new ArrayList<>();
    if (user != null) {
      c.addAll(List.of("runuser", "-u", user, "--"));
    }
    c.addAll(List.of(command));
    Process p = new ProcessBuilder(c).redirectErrorStream(true)
        .redirectInput(stdin != null ? Redirect.from(stdin.toFile()) : Redirect.from(new File("/dev/null")))
        .directory(dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + ":" + out;
  }

  private String script(DebInstaller i, Path deb, String user) throws Exception {
    List<String> c = new ArrayList<>(List.of("sh", "-c", DebInstaller.SCRIPT, "picluster-install"));
    c.addAll(i.arguments());
    return run(deb, user, c.toArray(String[]::new));
  }

  @Test
  void asRootItInstallsWithDpkg() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg (a Debian system)");
    assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root");
    Path deb = tinyPackage();
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), "");
    DebInstaller i = DebInstaller.of(deb).withDpkgOptions(List.of("--root=" + root, "--log=/dev/null"));

    String out = script(i, deb, null);

    assertThat(out).startsWith("0:").contains(DebInstaller.INSTALLED);
    assertThat(DebInstaller.judge("root", true, out, "")).isNull();
    assertThat(root.resolve("usr/share/picluster-test/hello")).hasContent("hello");
  }

  @Test
  void aUserWithoutSudoIsNamedWithTheFix() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run the script as another user");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs runuser (util-linux)");
    Path deb = tinyPackage();
    deb.toFile().setReadable(true, false);
    dir.toFile().setExecutable(true, false);
    boolean sudo = Files.isExecutable(Path.of("/usr/bin/sudo"));

    String out = script(DebInstaller.of(deb), deb, "nobody");

    assertThat(out).as("nobody has no password-less sudo" + (sudo ? "" : " (no sudo here at all)"))
        .startsWith("3:").contains(DebInstaller.NO_SUDO);
    assertThat(DebInstaller.judge("pi", false, out, "exit code 3"))
        .isEqualTo("pi is not root there and cannot use sudo without a password; fix: give pi sudo for"
            + " dpkg there (as root: echo 'pi ALL=(root) NOPASSWD: /usr/bin/dpkg' > /etc/sudoers.d/picluster),"
            + " or install without --deb (the jar in the home folder)");
  }

  @Test
  void onlyADebianPackageIsTaken() throws IOException {
    Path jar = Files.writeString(dir.resolve("picluster.jar"), "PK not a package");
    assertThatThrownBy(() -> DebInstaller.of(jar)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a Debian package");
    assertThatThrownBy(() -> DebInstaller.of(dir.resolve("none.deb"))).isInstanceOf(IOException.class)
        .hasMessageContaining("no such file");
  }
}
