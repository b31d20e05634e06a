package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real {@link KeyTransport}: {@code sh} here, the system ssh and ssh-keyscan. */
final class SystemKeyTransport implements KeyTransport {
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

  private final Node master;
  private final Path askpassBase;
  private Askpass askpass;

  /** ASKPASSBASE: where the password helper may be written (a folder that allows running it). */
  SystemKeyTransport(Node master, Path askpassBase) {
    this.master = master;
    this.askpassBase = askpassBase;
  }

  @Override
  public NodeShell.Result here(String script, List<String> args) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "picluster"));
    command.addAll(args);
    return NodeShell.runCommand(master, command, SCRIPT_TIMEOUT);
  }

  @Override
  public NodeShell.Result on(Node node, String script, List<String> args) {
    return NodeShell.run(node, script, args, SCRIPT_TIMEOUT);
  }

  @Override
  public Map<Node, PublicKeyLine> scanHostKeys(List<Node> nodes) {
    return HostKeyScan.scan(master, nodes);
  }

  @Override
  public synchronized NodeShell.Result installWithPassword(Node node, PublicKeyLine key,
      char[] password) {
    if (askpass == null) {
      askpass = Askpass.create(askpassBase);
    }
    return KeyInstall.install(node, key, password, askpass);
  }

  @Override
  public synchronized void close() {
    if (askpass != null) {
      askpass.close();
      askpass = null;
    }
  }
}
