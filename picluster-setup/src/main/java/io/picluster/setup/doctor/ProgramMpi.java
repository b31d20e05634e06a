package io.picluster.setup.doctor;

import io.picluster.launch.detect.MpiLibrary;
import io.picluster.launch.detect.MpiUse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which MPI doctor's probe found the program using on one node.
 *
 * @param use the implementation, the soname that decided it, and the file that needs it there
 * @param build the file name the MPI library resolves to there (libmpich.so.12.2.0: its version),
 *     "missing" if the loader does not find it, null for no MPI
 */
public record ProgramMpi(MpiUse use, String build) {

  /** Collects the probe's {@code program_mpi_*} lines. */
  static final class Builder {
    private String via;
    private String unknown;
    private boolean none;
    /** soname -> file name it resolves to, in ldd's order. */
    private final Map<String, String> libs = new LinkedHashMap<>();

    void add(String key, String value) {
      switch (key) {
        case "program_mpi_via" -> via = value;
        case "program_mpi_unknown" -> unknown = value;
        case "program_mpi_none" -> none = true;
        default -> {
          int sp = value.indexOf(' ');
          if (sp > 0) {
            libs.putIfAbsent(value.substring(0, sp), value.substring(sp + 1));
          }
        }
      }
    }

    ProgramMpi build() {
      if (unknown != null) {
        return new ProgramMpi(MpiUse.unknown(unknown), null);
      }
      Path file = via == null ? null : Path.of(via);
      if (none || via == null) {
        return new ProgramMpi(MpiUse.none(file), null);
      }
      for (Map.Entry<String, String> l : libs.entrySet()) {
        if (MpiLibrary.isMpichSoname(l.getKey())) {
          return new ProgramMpi(new MpiUse(MpiLibrary.MPICH, l.getKey(), file, null), l.getValue());
        }
      }
      String libmpi = libs.get("libmpi.so.40");
      if (libmpi != null) {
        // ldd lists libmpi's own needs too: libopen-rte (4.x) or libpmix without it (5.x).
        MpiLibrary release = MpiLibrary.openMpiRelease(libs.keySet());
        return new ProgramMpi(new MpiUse(release, "libmpi.so.40", file, null), libmpi);
      }
      return new ProgramMpi(MpiUse.none(file), null);
    }
  }
}
