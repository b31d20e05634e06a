package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.util.List;
import java.util.Map;

/**
 * What doctor's probe ({@link FactsProbe}) found on one node, or why it found nothing.
 *
 * @param node the node
 * @param ssh what ssh and the probe script returned (exit code, stderr): the ssh check reads it
 * @param answered whether the probe ran to its end there
 * @param hostname its {@code uname -n}
 * @param addresses its IPv4 addresses; null if it has no {@code ip} command
 * @param resolved for each name looked up there ({@code getent ahostsv4}), its IPv4 addresses in
 *     the order the resolver gives them (empty: the name does not resolve); null if it has no
 *     {@code getent}
 * @param program what is at the program's path there: "missing", "notfile", "unreadable",
 *     "nosha" (no sha256sum), or "file"; null if no program was asked about
 * @param programSha256 the SHA-256 of the file there, when {@code program} is "file"
 * @param programExecutable whether the file there may be executed
 * @param programMpi which MPI the program uses there (its ELF libraries, or those of the mpi4py
 *     a Python script imports there); null if no program was asked about
 * @param arch which build of picluster's Open MPI library the node needs; null if it has no java
 *     and no ELF program
 */
public record NodeFacts(
    Node node,
    NodeShell.Result ssh,
    boolean answered,
    String hostname,
    List<InterfaceAddress> addresses,
    Map<String, List<String>> resolved,
    String program,
    String programSha256,
    boolean programExecutable,
    ProgramMpi programMpi,
    NodeArch arch) {

  public NodeFacts(Node node, NodeShell.Result ssh, boolean answered, String hostname,
      List<InterfaceAddress> addresses, Map<String, List<String>> resolved, String program,
      String programSha256, boolean programExecutable) {
    this(node, ssh, answered, hostname, addresses, resolved, program, programSha256,
        programExecutable, null, null);
  }

  /** A node whose probe did not run (ssh failed, or no answer in time). */
  public static NodeFacts unanswered(Node node, NodeShell.Result ssh) {
    return new NodeFacts(node, ssh, false, null, null, null, null, null, false);
  }
}
