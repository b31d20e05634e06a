package io.picluster.setup.doctor;

/**
 * One finding of {@code picluster doctor}: which check, about which node (or directed pair of
 * nodes), how it came out, what was found, and how to fix it.
 *
 * @param name the check's short name: backbone, names, ssh, program, mpi, arch, ports, versions,
 *     clock, throttling, slurm
 * @param subject the node ({@code node3}) or directed pair ({@code node1 -> node3})
 * @param verdict OK, WARN or FAIL
 * @param finding what was found, one line
 * @param fix what to do about it, one line; null for OK
 */
public record Check(String name, String subject, Verdict verdict, String finding, String fix) {

  public static Check ok(String name, String subject, String finding) {
    return new Check(name, subject, Verdict.OK, finding, null);
  }

  public static Check warn(String name, String subject, String finding, String fix) {
    return new Check(name, subject, Verdict.WARN, finding, fix);
  }

  public static Check fail(String name, String subject, String finding, String fix) {
    return new Check(name, subject, Verdict.FAIL, finding, fix);
  }

  /** {@code FAIL  names  node3  node3 resolves to 127.0.1.1 there  -> fix: ...}, unpadded. */
  @Override
  public String toString() {
    return verdict + "  " + name + "  " + subject + "  " + finding
        + (fix == null ? "" : "  -> fix: " + fix);
  }
}
