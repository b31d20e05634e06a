package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts a node runs (read, write, and the sudo wrapper), run here with sh on folders: the
 * same state and the same files as {@link RootFolder}, and the one-line messages for sudo.
 */
class ShellAccessTest {
  private static final Node NODE2 = new Node("node2", "10.0.0.2", "pi");
  private static final Node NODE3 = new Node("node3", "10.0.0.3", "pi");

  @TempDir Path dir;

  /** Runs the script the wrapper would run as root, directly (these tests need no root). */
  private static NodeShell.Result withoutSudo(String wrapper, List<String> args, Duration t) {
    assertThat(wrapper).isEqualTo(ShellAccess.AS_ROOT);
    return ShellAccess.runHere(NODE2, args.get(0), args.subList(3, args.size()), t);
  }

  private static ShellAccess shellOn(Path root, ShellAccess.Runner runner, Node node) {
    return new ShellAccess(node, "over ssh " + node.sshTarget(), runner, false,
        "run picluster net on " + node.name() + " itself or allow passwordless sudo",
        root.toString());
  }

  @Test
  void theReadScriptSeesWhatTheFolderSees() throws IOException {
    for (String stack : List.of("nm", "dhcpcd", "netplan")) {
      Path root = NetFixtures.copyTree(stack + "/before", dir.resolve(stack));
      Files.setPosixFilePermissions(root.resolve("etc/hosts"), RootFolder.permissions(0640));
      NodeState viaShell = shellOn(root, ShellAccessTest::withoutSudo, NODE2).read();
      NodeState viaFolder = new RootFolder(root).read();
      assertThat(viaShell.probes()).isEqualTo(viaFolder.probes());
      assertThat(viaShell.files()).isEqualTo(viaFolder.files());
      assertThat(viaShell.files().get("etc/hosts").mode()).isEqualTo(0640);
      assertThat(viaShell.unreadable()).isEmpty();
      assertThat(viaShell.wifi()).isPresent(); // this machine's own ip output
    }
  }

  @Test
  void theWriteScriptLeavesTheSameFilesAsTheFolderWrites() throws IOException {
    for (String stack : List.of("nm", "dhcpcd", "netplan")) {
      Path viaShell = NetFixtures.copyTree(stack + "/before", dir.resolve(stack + "-shell"));
      Path viaFolder = NetFixtures.copyTree(stack + "/before", dir.resolve(stack + "-folder"));
      NetFixtures.Run shellRun = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(
          List.of("node2"), false, Optional.empty(), false, Optional.empty(), false,
          Optional.empty()), NetFixtures.reach(
              Map.of("node2", shellOn(viaShell, ShellAccessTest::withoutSudo, NODE2)), "node1"));
      NetFixtures.apply(NetFixtures.cluster(), viaFolder);

      assertThat(shellRun.code()).as(shellRun.err()).isZero();
      assertThat(NetFixtures.tree(viaShell)).isEqualTo(NetFixtures.tree(viaFolder));
      assertThat(shellRun.out()).contains("node2: wrote node2:/etc/hosts (previous version:"
          + " node2:/etc/hosts.picluster-backup)");
      assertThat(shellRun.out()).contains("node2: to use it now, run on node2: sudo ");

      NetFixtures.Run again = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(
          List.of("node2"), false, Optional.empty(), false, Optional.empty(), false,
          Optional.empty()), NetFixtures.reach(
              Map.of("node2", shellOn(viaShell, ShellAccessTest::withoutSudo, NODE2)), "node1"));
      assertThat(again.out()).startsWith("node2: nothing to change");
    }
  }

  /**
   * The whole way as over SSH, less the connection: the command line {@link NodeShell} hands ssh
   * ({@code sh -c 'SCRIPT' picluster 'ARG'...}, quoted by SshCommand) run by a shell as sshd runs
   * it, wrapper included; as root here, as on a node where the user is root.
   */
  @Test
  void theQuotedCommandLineSshWouldRunWorks() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(NetSetup.isRoot(), "needs root (no sudo here)");
    ShellAccess.Runner sshLike = (script, args, timeout) -> ShellAccess.runHere(NODE2,
        io.picluster.launch.remote.SshCommand.shell(script, "picluster", args), List.of(),
        timeout);
    Path viaSsh = NetFixtures.copyTree("dhcpcd/before", dir.resolve("ssh"));
    Path viaFolder = NetFixtures.copyTree("dhcpcd/before", dir.resolve("folder"));
    NetFixtures.Run run = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(
        List.of("node2"), false, Optional.empty(), false, Optional.empty(), true,
        Optional.empty()), NetFixtures.reach(Map.of("node2", shellOn(viaSsh, sshLike, NODE2)),
            "node1"));
    NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(List.of(), false,
        Optional.of(viaFolder), false, Optional.empty(), true, Optional.empty()),
        NetFixtures.noReach());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(NetFixtures.tree(viaSsh)).isEqualTo(NetFixtures.tree(viaFolder));
  }

  /** A PATH in which {@code id -u} says 1000 and sudo wants a password. */
  private Path fakeUserWithSudo(boolean withSudo) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    script(bin.resolve("id"), "#!/bin/sh\necho 1000\n");
    if (withSudo) {
      script(bin.resolve("sudo"), "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n");
    }
    return bin;
  }

  private static void script(Path p, String text) throws IOException {
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, RootFolder.permissions(0755));
  }

  /** Runs the real wrapper with {@code PATH} set as given. */
  private static ShellAccess.Runner withPath(String path) {
    return (script, args, timeout) -> {
      List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "picluster"));
      argv.addAll(args);
      try {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("PATH", path);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new NodeShell.Result(NODE3, p.waitFor(), out, err, false);
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    };
  }

  @Test
  void sudoWithAPasswordIsOneLineWithTheWayOut() throws IOException {
    Path root = NetFixtures.copyTree("nm/before", dir.resolve("root"));
    Path bin = fakeUserWithSudo(true);
    ShellAccess access = shellOn(root, withPath(bin + ":/usr/bin:/bin"), NODE3);
    NetFixtures.Run run = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(
        List.of("node3"), false, Optional.empty(), false, Optional.empty(), false,
        Optional.empty()), NetFixtures.reach(Map.of("node3", access), "node1"));
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("node3: sudo needs a password; run picluster net on node3"
        + " itself or allow passwordless sudo\n");
    assertThat(root.resolve(NmKeyfile.PATH)).doesNotExist();
  }

  @Test
  void noSudoAtAllIsOneLineToo() throws IOException {
    Path root = NetFixtures.copyTree("nm/before", dir.resolve("root"));
    Path bin = fakeUserWithSudo(false);
    for (String tool : List.of("sh", "base64", "stat", "tr", "mkdir", "rm", "chmod", "mv")) {
      Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool)
          : Path.of("/bin", tool);
      script(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
    }
    ShellAccess access = shellOn(root, withPath(bin.toString()), NODE3);
    assertThatThrownBy(() -> access.write(List.of(new FileChange("etc/x", null, -1, "x\n", 0644))))
        .isInstanceOf(NetFileException.class)
        .hasMessage("sudo is not installed; run picluster net on node3 itself as root");
    NodeState state = access.read(); // reading goes on unprivileged
    assertThat(state.files()).containsKey("etc/hosts");
  }

  @Test
  void filesOnlyRootCanReadNeedSudoWhichIsSaid() {
    ShellAccess access = shellOn(dir, ShellAccessTest::withoutSudo, NODE3);
    NodeState state = access.parse(String.join("\n",
        "unprivileged sudo-password",
        "probe d etc/NetworkManager",
        "unreadable " + NmKeyfile.PATH,
        "file 644 etc/hosts " + java.util.Base64.getEncoder().encodeToString("h\n".getBytes()),
        "ip " + java.util.Base64.getEncoder().encodeToString(
            "3: wlan0    inet 192.168.1.9/24 scope global wlan0\\ x\n".getBytes()),
        "wireless wlan0",
        ""));
    assertThat(state.kind("etc/NetworkManager")).isEqualTo(FileProbe.Kind.DIRECTORY);
    assertThat(state.file("etc/hosts")).isEqualTo(new NodeState.Content("h\n", 0644));
    assertThat(state.wifi()).contains(List.of(new WifiSubnet("wlan0", "192.168.1.9/24",
        WifiSubnet.subnetOf("192.168.1.0/24"))));
    assertThatThrownBy(() -> state.file(NmKeyfile.PATH))
        .isInstanceOf(NetFileException.class)
        .hasMessage("cannot read /" + NmKeyfile.PATH + ": sudo needs a password; run picluster"
            + " net on node3 itself or allow passwordless sudo");
    assertThat(Set.of(state.kind(NmKeyfile.PATH))).containsExactly(FileProbe.Kind.FILE);
  }

  @Test
  void anUnreachableNodeIsNamedWithSshsReason() {
    ShellAccess access = shellOn(dir, (script, args, timeout) -> new NodeShell.Result(NODE3, 255,
        "", "ssh: connect to host 10.0.0.3 port 22: Connection refused\n", false), NODE3);
    assertThatThrownBy(access::read)
        .hasMessage("cannot reach it over ssh pi@10.0.0.3 (ssh: connect to host 10.0.0.3 port 22:"
            + " Connection refused); check that it is on and that 'ssh pi@10.0.0.3' works without"
            + " a password (picluster keys)");
  }
}
