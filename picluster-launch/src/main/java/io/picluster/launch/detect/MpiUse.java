package io.picluster.launch.detect;

import java.nio.file.Path;

/**
 * What a program's MPI is, and how we know.
 *
 * @param library the implementation found
 * @param soname the MPI library's soname that decided it (null for NONE and UNKNOWN)
 * @param via the file that needs it: the program, or the Python extension module it imports; null
 *     when nothing was found
 * @param why for UNKNOWN, a short reason (for doctor and messages); else null
 */
public record MpiUse(MpiLibrary library, String soname, Path via, String why) {
  public static MpiUse none(Path via) {
    return new MpiUse(MpiLibrary.NONE, null, via, null);
  }

  public static MpiUse unknown(String why) {
    return new MpiUse(MpiLibrary.UNKNOWN, null, null, why);
  }

  /** "Open MPI 4.x (libmpi.so.40, needed by /usr/lib/.../MPI.cpython-311-x86_64-linux-gnu.so)". */
  public String describe() {
    if (!library.isMpi()) {
      return why == null ? library.label() : library.label() + " (" + why + ")";
    }
    return library.label() + " (" + soname + (via == null ? "" : ", needed by " + via) + ")";
  }
}
