package io.picluster.setup.doctor;

import io.picluster.launch.detect.ElfArch;
import java.util.HexFormat;

/**
 * Which build of picluster's native files for Open MPI ranks (libpicluster-pmi.so, picluster-pmix)
 * a node needs, found as a launch finds it there: the ELF architecture of the program (or of the
 * mpi4py a script imports) when {@code --program} names one, else that of the node's java, which
 * runs the agent. A Pi with a
 * 64-bit kernel may run a 32-bit userland, so {@code uname -m} alone would not do; it is kept
 * to name the node's machine when neither file is of an architecture picluster knows.
 *
 * @param arch "amd64", "arm64" or "armhf"; null when neither file is one of those
 * @param from what {@code arch} was read from: "the program" or "java at PATH"; null if nothing
 *     could be read (no java there)
 * @param machine the node's {@code uname -m}, or null
 */
public record NodeArch(String arch, String from, String machine) {

  /** Collects the probe's {@code machine}, {@code java_elf} and {@code program_elf} lines. */
  static final class Builder {
    private String machine;
    private String javaPath;
    private String javaArch;
    private String programArch;

    void add(String key, String value) {
      switch (key) {
        case "machine" -> machine = value.isBlank() ? null : value.strip();
        case "java_elf" -> { // "PATH HEX"
          int space = value.lastIndexOf(' ');
          javaPath = space > 0 ? value.substring(0, space) : value;
          javaArch = space > 0 ? archOf(value.substring(space + 1)) : null;
        }
        case "program_elf" -> programArch = archOf(value);
        default -> throw new IllegalArgumentException("not an architecture line: " + key);
      }
    }

    /** Null when the node has no java and no ELF program: nothing runs there to need a library. */
    NodeArch build() {
      if (programArch != null) {
        return new NodeArch(programArch, "the program", machine);
      }
      return javaPath == null ? null : new NodeArch(javaArch, "java at " + javaPath, machine);
    }

    /** The architecture of a file whose first bytes are {@code hex} (od's output, no spaces). */
    private static String archOf(String hex) {
      try {
        byte[] header = HexFormat.of().parseHex(hex.strip());
        return ElfArch.ofHeader(header, header.length);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
