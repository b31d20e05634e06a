package io.picluster.setup.cluster;

/**
 * One machine of the cluster.
 *
 * @param name its host name, e.g. node2
 * @param address its backbone address, e.g. 10.0.0.2
 * @param user the login user on it
 */
public record Node(String name, String address, String user) {
  /** What ssh is given: {@code user@address}. */
  public String sshTarget() {
    return user + "@" + address;
  }
}
