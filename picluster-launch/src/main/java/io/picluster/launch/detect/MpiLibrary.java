package io.picluster.launch.detect;

import java.util.Collection;

/** Which MPI implementation a program is built on, as far as its libraries tell. */
public enum MpiLibrary {
  MPICH("MPICH", true),
  OPEN_MPI_4("Open MPI 4.x", true),
  OPEN_MPI_5("Open MPI 5.x", true),
  /** libmpi.so.40 whose own needs do not tell the release (not found, or an unusual build). */
  OPEN_MPI("Open MPI", true),
  /** Known not to link any MPI library (an ELF program without one, a script without mpi4py). */
  NONE("no MPI", false),
  /** Cannot tell: a shell script, a statically linked or unreadable file, python -c. */
  UNKNOWN("unknown", false);

  private final String label;
  private final boolean mpi;

  MpiLibrary(String label, boolean mpi) {
    this.label = label;
    this.mpi = mpi;
  }

  /** For messages: "MPICH", "Open MPI 4.x", ... */
  public String label() {
    return label;
  }

  /** A program on this library is certainly an MPI program. */
  public boolean isMpi() {
    return mpi;
  }

  /** Open MPI of any release: its ranks speak PMIx, not PMI-1, and need one of picluster's routes (io.picluster.launch.openmpi). */
  public boolean isOpenMpi() {
    return this == OPEN_MPI_4 || this == OPEN_MPI_5 || this == OPEN_MPI;
  }

  /** True for a soname of MPICH's library (Debian's libmpich.so.12; libmpi.so.12 elsewhere). */
  public static boolean isMpichSoname(String soname) {
    return soname.startsWith("libmpich.so") || soname.equals("libmpi.so.12");
  }

  /** True for Open MPI's library: libmpi.so.40 in 4.x and 5.x alike. */
  public static boolean isOpenMpiSoname(String soname) {
    return soname.equals("libmpi.so.40");
  }

  /**
   * Open MPI's release from what libmpi.so.40 itself needs: 4.x links its runtime (libopen-rte),
   * 5.x has none and talks PMIx directly (libpmix, PRRTE).
   */
  public static MpiLibrary openMpiRelease(Collection<String> libmpiNeeds) {
    boolean rte = libmpiNeeds.stream().anyMatch(s -> s.startsWith("libopen-rte.so"));
    boolean pmix = libmpiNeeds.stream().anyMatch(s -> s.startsWith("libpmix.so") || s.startsWith("libprrte.so"));
    if (rte) {
      return OPEN_MPI_4;
    }
    return pmix ? OPEN_MPI_5 : OPEN_MPI;
  }
}
