package io.picluster.setup.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusProbe;
import io.picluster.setup.status.TestStatuses;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What install does on a node: the plan from the probe's findings, and the real install script run
 * here with sh (no ssh), the jar on its standard input, into a temporary home folder.
 */
class InstallerTest {
  @TempDir Path dir;

  private Path home() throws IOException {
    return Files.createDirectories(dir.resolve("home"));
  }

  private Path jar(String content) throws IOException {
    return Files.writeString(dir.resolve("picluster.jar"), content);
  }

  @Test
  void thePlanComparesTheMeasuredJarAndTheVersionFile() throws Exception {
    Installer i = Installer.of(jar("jar one"), "0.1.0");
    String sha = i.sha256();
    assertThat(i.plan(TestStatuses.node(1).picluster(null, null).jarSha(null).up()))
        .isEqualTo(Installer.Action.COPIED);
    assertThat(i.plan(TestStatuses.node(1).picluster("0.1.0", sha).jarSha(TestStatuses.SHA_B).up()))
        .as("VERSION says so, but the jar differs").isEqualTo(Installer.Action.COPIED);
    assertThat(i.plan(TestStatuses.node(1).picluster("0.0.9", sha).jarSha(sha).up()))
        .isEqualTo(Installer.Action.VERSION_WRITTEN);
    assertThat(i.plan(TestStatuses.node(1).picluster(null, null).jarSha(sha).up()))
        .isEqualTo(Installer.Action.VERSION_WRITTEN);
    assertThat(i.plan(TestStatuses.node(1).picluster("0.1.0", sha).jarSha(sha).up()))
        .isEqualTo(Installer.Action.ALREADY_THERE);
    assertThat(i.label()).isEqualTo("0.1.0 (" + sha.substring(0, 8) + ")");
  }

  /** The install script here: HOME is the temp folder; stdin the jar (or nothing). */
  private String runScript(Path stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", Installer.SCRIPT, "picluster-install"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(stdin != null ? Redirect.from(stdin.toFile()) : Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true);
    pb.environment().put("HOME", home().toString());
    pb.environment().remove("XDG_DATA_HOME");
    pb.environment().remove("XDG_CACHE_HOME");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + ":" + out;
  }

  private NodeStatus probeHere() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", StatusProbe.SCRIPT, "picluster", "install")
        .redirectInput(Redirect.from(new File("/dev/null")));
    pb.environment().put("HOME", home().toString());
    pb.environment().remove("XDG_DATA_HOME");
    pb.environment().remove("XDG_CONFIG_HOME");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Node node = new Node("here", "127.0.0.1", "pi");
    return StatusProbe.parse(node, new NodeShell.Result(node, p.exitValue(), out, "", false), 0, 1,
        Duration.ofSeconds(5));
  }

  @Test
  void theScriptPutsTheJarAndVersionFileAndSeedsTheLaunchersCache() throws Exception {
    Path jar = jar("the jar's bytes");
    Installer i = Installer.of(jar, "0.1.0");
    String cache = io.picluster.launch.remote.StagedFile.of(jar).cacheName();

    assertThat(probeHere().piclusterVersion()).isNull();
    assertThat(runScript(jar, "jar", i.sha256(), "0.1.0", Long.toString(i.size()), cache))
        .isEqualTo("0:picluster-installed\n");

    Path installed = home().resolve(".local/share/picluster");
    assertThat(installed.resolve("picluster.jar")).hasContent("the jar's bytes");
    assertThat(installed.resolve("VERSION")).hasContent("version=0.1.0\nsha256=" + i.sha256());
    assertThat(home().resolve(".cache/picluster/" + cache)).hasContent("the jar's bytes");
    try (var files = Files.list(installed)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("picluster.jar", "VERSION");
    }
    // the probe now finds it, and install has nothing to do
    NodeStatus after = probeHere();
    assertThat(after.piclusterVersion()).isEqualTo("0.1.0");
    assertThat(after.piclusterSha256()).isEqualTo(i.sha256());
    assertThat(after.jarSha256()).isEqualTo(i.sha256());
    assertThat(i.plan(after)).isEqualTo(Installer.Action.ALREADY_THERE);

    // a new version of the same jar: only the VERSION file
    assertThat(runScript(null, "version", i.sha256(), "0.1.1", Long.toString(i.size()), cache))
        .isEqualTo("0:picluster-installed\n");
    assertThat(installed.resolve("VERSION")).hasContent("version=0.1.1\nsha256=" + i.sha256());
    assertThat(installed.resolve("picluster.jar")).hasContent("the jar's bytes");
  }

  @Test
  void aDamagedCopyLeavesTheInstalledJarAsItWasAndNothingBehind() throws Exception {
    Path jar = jar("good");
    Installer i = Installer.of(jar, "0.1.0");
    assertThat(runScript(jar, "jar", i.sha256(), "0.1.0", "4", "")).startsWith("0:");

    Path other = Files.writeString(dir.resolve("other"), "evil");
    String out = runScript(other, "jar", TestStatuses.SHA_B, "0.2.0", "4", "");
    assertThat(out).isEqualTo("1:the jar arrived damaged (the connection broke?); the installed"
        + " one was left as it was\n");
    Path installed = home().resolve(".local/share/picluster");
    assertThat(installed.resolve("picluster.jar")).hasContent("good");
    assertThat(installed.resolve("VERSION")).hasContent("version=0.1.0\nsha256=" + i.sha256());
    try (var files = Files.list(installed)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("picluster.jar", "VERSION");
    }
  }

  @Test
  void theTableHasOneRowPerNodeAndFailuresSayWhy() {
    NodeStatus n1 = TestStatuses.node(1).up();
    NodeStatus n2 = TestStatuses.node(2).up();
    List<Installer.Outcome> outcomes = List.of(
        new Installer.Outcome(n1, Installer.Action.COPIED, null),
        new Installer.Outcome(n2, Installer.Action.FAILED, "Permission denied"));
    assertThat(Installer.table(outcomes, false)).isEqualTo(String.join("\n",
        "NODE   ADDRESS   ARCH     OS                              JAVA         FREE  PICLUSTER",
        "node1  10.0.0.1  aarch64  Debian GNU/Linux 12 (bookworm)  17.0.15  20.0 GiB  copied",
        "node2  10.0.0.2  aarch64  Debian GNU/Linux 12 (bookworm)  17.0.15  20.0 GiB  failed:"
            + " Permission denied",
        ""));
    assertThat(Installer.table(List.of(new Installer.Outcome(n1, Installer.Action.COPIED, null)),
        true)).contains("would copy");
    assertThat(Installer.failures(outcomes))
        .containsExactly("cannot install picluster on node2 (10.0.0.2): Permission denied");
  }
}
