package io.picluster.setup.net;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The golden fixtures under src/test/resources/net and helpers to run {@link NetSetup} on them. */
final class NetFixtures {
  private NetFixtures() {}

  /** A folder of the test resources, e.g. {@code nm/before}. */
  static Path resource(String path) {
    try {
      return Path.of(NetFixtures.class.getResource("/net/" + path).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(String resourcePath) {
    try {
      return Files.readString(resource(resourcePath), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixtures' four-node cluster (10.0.0.0/24). */
  static Cluster cluster() {
    return ClusterFile.read(resource("cluster.conf"));
  }

  static Cluster cluster(String text) {
    return ClusterFile.parse(Path.of("cluster.conf"), text);
  }

  /** Copies a fixture tree (e.g. {@code nm/before}) into {@code dir}. */
  static Path copyTree(String fixture, Path dir) throws IOException {
    Path from = resource(fixture);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return dir;
  }

  /** Every file under {@code root}: relative path to "mode:content" (content as text). */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), FileChange.octal(RootFolder.mode(p)) + ":"
            + Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {}

  static Run run(Cluster cluster, NetSetup.Options options, NetSetup.Reach reach) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new NetSetup(cluster, options, reach).run(new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** {@code picluster net --root ROOT [NODES]}, applying. */
  static Run apply(Cluster cluster, Path root, String... nodes) {
    return run(cluster, options(root, false, nodes), noReach());
  }

  static Run dryRun(Cluster cluster, Path root, String... nodes) {
    return run(cluster, options(root, true, nodes), noReach());
  }

  static NetSetup.Options options(Path root, boolean dryRun, String... nodes) {
    return new NetSetup.Options(List.of(nodes), false, Optional.of(root), dryRun,
        Optional.empty(), false, Optional.empty());
  }

  /** For runs with --root: reaching a node any other way is a test failure. */
  static NetSetup.Reach noReach() {
    return reach(Map.of(), "testhost");
  }

  /** Nodes reached as folders (this machine's node is none of them). */
  static NetSetup.Reach reach(Map<String, NodeAccess> byNode, String hostName) {
    return new NetSetup.Reach() {
      @Override
      public boolean isThisMachine(Node node) {
        return node.name().equals(hostName);
      }

      @Override
      public String hostName() {
        return hostName;
      }

      @Override
      public NodeAccess access(Node node, boolean thisMachine) {
        NodeAccess a = byNode.get(node.name());
        if (a == null) {
          throw new AssertionError("the test did not expect " + node.name() + " to be reached");
        }
        return a;
      }
    };
  }
}
