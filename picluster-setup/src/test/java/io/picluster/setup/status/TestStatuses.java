package io.picluster.setup.status;

import io.picluster.setup.cluster.Node;

/** NodeStatus values for tests: a healthy Pi, changed one field at a time. */
public final class TestStatuses {
  public static final String SHA_A = "a".repeat(64);
  public static final String SHA_B = "b".repeat(64);

  private TestStatuses() {}

  /** A healthy node K: aarch64, Raspberry Pi OS, Java 17.0.15, picluster 0.1.0 (SHA_A). */
  public static Builder node(int k) {
    return new Builder(k);
  }

  /** Changes one thing at a time. */
  public static final class Builder {
    private final Node node;
    String arch = "aarch64";
    String os = "Debian GNU/Linux 12 (bookworm)";
    String javaPath = "/usr/bin/java";
    String javaVersion = "17.0.15";
    String version = "0.1.0";
    String sha = SHA_A;
    String jarSha = SHA_A;
    Long homeFreeKib = 20L << 20;
    Integer throttled = 0;
    Double temp = 48.2;

    Builder(int k) {
      node = new Node("node" + k, "10.0.0." + k, "pi");
    }

    public Builder arch(String a) {
      arch = a;
      return this;
    }

    public Builder os(String o) {
      os = o;
      return this;
    }

    /** null: no java at all. */
    public Builder java(String version) {
      javaVersion = version;
      javaPath = version == null ? null : "/usr/bin/java";
      return this;
    }

    public Builder picluster(String v, String s) {
      version = v;
      sha = s;
      return this;
    }

    public Builder jarSha(String s) {
      jarSha = s;
      return this;
    }

    public Builder homeFreeKib(Long k) {
      homeFreeKib = k;
      return this;
    }

    public Builder throttled(Integer bits) {
      throttled = bits;
      return this;
    }

    public Builder temp(Double c) {
      temp = c;
      return this;
    }

    public NodeStatus up() {
      return new NodeStatus(node, true, null, node.name(), "Raspberry Pi 4 Model B Rev 1.4", arch,
          os, javaPath, javaVersion, version, sha, jarSha, 0.52, 4, 8000000L, 7168000L,
          30000000L, 22347776L, homeFreeKib, temp, throttled, throttled == null ? null : "vcgencmd",
          1.5, 2.0, 273600.0);
    }

    public NodeStatus down(String why) {
      return NodeStatus.down(node, why);
    }
  }
}
