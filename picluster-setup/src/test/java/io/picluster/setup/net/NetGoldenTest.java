package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three stacks against golden fixtures (src/test/resources/net/STACK): node2 of the tutorial's
 * cluster on Raspberry Pi OS Bookworm (nm), Bullseye (dhcpcd) and Ubuntu Server (netplan). "before"
 * is the node's root as installed, "after" the files picluster must leave, "dry-run.txt" what
 * --dry-run prints (ROOT standing for the folder).
 */
class NetGoldenTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"nm", "dhcpcd", "netplan"})
  void dryRunPrintsTheGoldenDiffAndChangesNothing(String stack) throws IOException {
    Path root = NetFixtures.copyTree(stack + "/before", dir.resolve("root"));
    Map<String, String> before = NetFixtures.tree(root);

    NetFixtures.Run run = NetFixtures.dryRun(NetFixtures.cluster(), root);

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(
        NetFixtures.text(stack + "/dry-run.txt").replace("ROOT", root.toString()));
    assertThat(NetFixtures.tree(root)).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nm", "dhcpcd", "netplan"})
  void applyingWritesTheGoldenFilesAndKeepsBackups(String stack) throws IOException {
    Path root = NetFixtures.copyTree(stack + "/before", dir.resolve("root"));
    Map<String, String> before = NetFixtures.tree(root);

    NetFixtures.Run run = NetFixtures.apply(NetFixtures.cluster(), root);

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    Map<String, String> expected = new HashMap<>(before);
    Path after = NetFixtures.resource(stack + "/after");
    try (Stream<Path> files = Files.walk(after)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String path = after.relativize(f).toString();
        String old = before.get(path);
        boolean own = path.endsWith(".nmconnection") || path.endsWith(".yaml");
        String mode = old != null ? old.substring(0, 4) : own ? "0600" : "0644";
        expected.put(path, mode + ":" + Files.readString(f));
        if (old != null) {
          expected.put(FileChange.backupPath(path), old); // the previous version, mode and all
        }
      }
    }
    assertThat(NetFixtures.tree(root)).isEqualTo(expected);
    assertThat(run.out()).contains("node2: wrote " + root.resolve("etc/hosts")
        + " (previous version: " + root.resolve("etc/hosts.picluster-backup") + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nm", "dhcpcd", "netplan"})
  void aSecondRunChangesNothing(String stack) throws IOException {
    Path root = NetFixtures.copyTree(stack + "/before", dir.resolve("root"));
    NetFixtures.apply(NetFixtures.cluster(), root);
    Map<String, String> once = NetFixtures.tree(root);
    Map<String, Long> times = modificationTimes(root);

    NetFixtures.Run again = NetFixtures.apply(NetFixtures.cluster(), root);
    NetFixtures.Run dry = NetFixtures.dryRun(NetFixtures.cluster(), root);

    assertThat(again.code()).isZero();
    assertThat(again.out()).startsWith("node2: nothing to change (");
    assertThat(again.out()).doesNotContain("wrote");
    assertThat(dry.out()).startsWith("node2: nothing to change (").doesNotContain("---");
    assertThat(NetFixtures.tree(root)).isEqualTo(once);
    assertThat(modificationTimes(root)).isEqualTo(times);
  }

  private static Map<String, Long> modificationTimes(Path root) throws IOException {
    Map<String, Long> times = new HashMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        times.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
      }
    }
    return times;
  }
}
