package io.picluster.setup.status;

import io.picluster.setup.cluster.Node;

/**
 * What one node said about itself (see {@link StatusProbe}), or why it said nothing. Every value
 * but {@code node} and {@code up} may be null: unknown there (no thermal zone, no Java, no
 * picluster installed), or the node is down.
 *
 * @param node the node asked
 * @param up whether the probe ran to its end there
 * @param error why the node is down (ssh's last line, or "no answer within 5 s"); null when up
 * @param hostname its {@code uname -n}
 * @param model {@code /proc/device-tree/model}, e.g. "Raspberry Pi 4 Model B Rev 1.4"
 * @param arch its {@code uname -m}, e.g. aarch64, armv7l, x86_64
 * @param os PRETTY_NAME from {@code /etc/os-release}
 * @param javaPath the {@code java} on the login user's PATH there
 * @param javaVersion that Java's version, e.g. "17.0.21.1" or "1.8.0_292"
 * @param piclusterVersion the picluster version {@code picluster install} put there
 * @param piclusterSha256 the SHA-256 of that jar, as install recorded it
 * @param jarSha256 the SHA-256 of the installed jar as measured now (install's probe only)
 * @param load1 load average over 1 minute
 * @param cpus online processors
 * @param memTotalKib MemTotal
 * @param memAvailableKib MemAvailable (or MemFree + Buffers + Cached on old kernels)
 * @param rootTotalKib size of the file system holding /
 * @param rootFreeKib space available to users there
 * @param homeFreeKib space available in the login user's home folder (where install writes)
 * @param temperatureC CPU temperature, thermal_zone0
 * @param throttled the firmware's throttle bits (see {@link Throttling})
 * @param throttleSource where they came from: "vcgencmd" or "sysfs"
 * @param clockOffsetMs the node's clock minus ours, in milliseconds
 * @param clockUncertaintyMs how far off that may be (half the round trip not spent in the probe)
 * @param uptimeSeconds from /proc/uptime
 */
public record NodeStatus(
    Node node,
    boolean up,
    String error,
    String hostname,
    String model,
    String arch,
    String os,
    String javaPath,
    String javaVersion,
    String piclusterVersion,
    String piclusterSha256,
    String jarSha256,
    Double load1,
    Integer cpus,
    Long memTotalKib,
    Long memAvailableKib,
    Long rootTotalKib,
    Long rootFreeKib,
    Long homeFreeKib,
    Double temperatureC,
    Integer throttled,
    String throttleSource,
    Double clockOffsetMs,
    Double clockUncertaintyMs,
    Double uptimeSeconds) {

  /** A node that did not answer. */
  public static NodeStatus down(Node node, String error) {
    return new NodeStatus(node, false, error, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The Java feature release, e.g. 17 for "17.0.2" and 8 for "1.8.0_292"; 0 if none or unknown. */
  public int javaMajor() {
    return javaMajor(javaVersion);
  }

  /** As {@link #javaMajor()}, for a version string. */
  public static int javaMajor(String version) {
    if (version == null) {
      return 0;
    }
    String v = version.strip();
    if (v.startsWith("1.")) {
      v = v.substring(2);
    }
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 4) {
      return 0;
    }
    return Integer.parseInt(v.substring(0, end));
  }

  /** Memory in use (total minus available), in MiB; null if unknown. */
  public Long memUsedMib() {
    return memTotalKib == null || memAvailableKib == null
        ? null : Math.max(0, memTotalKib - memAvailableKib) / 1024;
  }

  public Long memTotalMib() {
    return memTotalKib == null ? null : memTotalKib / 1024;
  }

  /** Free space on /, in GiB; null if unknown. */
  public Double rootFreeGib() {
    return rootFreeKib == null ? null : rootFreeKib / (1024.0 * 1024.0);
  }

  /** The installed picluster as shown: "0.1.0 (1a2b3c4d)", or null if none is installed. */
  public String piclusterLabel() {
    return label(piclusterVersion, piclusterSha256);
  }

  /** A version and the first 8 hex digits of its jar's SHA-256: "0.1.0 (1a2b3c4d)". */
  public static String label(String version, String sha256) {
    if (version == null) {
      return null;
    }
    return sha256 == null || sha256.length() < 8 ? version
        : version + " (" + sha256.substring(0, 8) + ")";
  }
}
