package io.picluster.launch.openmpi;

import io.picluster.launch.detect.MpiLibrary;
import java.util.Locale;
import java.util.Map;

/**
 * How an Open MPI job's ranks join one job under picluster. {@link #FLUX}: Open MPI 4's flux
 * component loads picluster's PMI-1 library ({@link OpenMpiBridge}); {@link #PMIX}: a PMIx server on
 * each node ({@link PmixHelper}), which Open MPI 5 needs and Open MPI 4 can use too. Open MPI 4 takes
 * the flux route unless {@value #ENV}=pmix asks otherwise: it starts no extra process per node.
 */
public enum OpenMpiRoute {
  FLUX,
  PMIX;

  /** The user's choice for Open MPI 4 (flux or pmix); the launcher sets the route taken in every rank's environment. */
  public static final String ENV = "PICLUSTER_OPENMPI_ROUTE";

  /**
   * The route for a program on {@code library}, honouring {@value #ENV} in {@code env}.
   *
   * @throws IllegalArgumentException one line saying what is wrong with the choice
   */
  public static OpenMpiRoute choose(MpiLibrary library, Map<String, String> env) {
    String asked = env.getOrDefault(ENV, "").trim().toLowerCase(Locale.ROOT);
    if (!asked.isEmpty() && !asked.equals("flux") && !asked.equals("pmix")) {
      throw new IllegalArgumentException(ENV + "=" + env.get(ENV) + " is no route; use flux (Open MPI 4 only) or pmix,"
          + " or leave it unset");
    }
    if (library == MpiLibrary.OPEN_MPI_5) {
      if (asked.equals("flux")) {
        throw new IllegalArgumentException(ENV + "=flux works for Open MPI 4 only, and this program uses Open MPI 5;"
            + " unset it (Open MPI 5 takes the pmix route)");
      }
      return PMIX;
    }
    return asked.equals("pmix") ? PMIX : FLUX;
  }

  /** The route the launcher chose for a marked job ({@link OpenMpiBridge#requested}). */
  public static OpenMpiRoute of(Map<String, String> env) {
    return "pmix".equals(env.get(ENV)) ? PMIX : FLUX;
  }

  /** The native file this route's ranks need on their host ({@link NativeFile}). */
  public String nativeFile() {
    return this == PMIX ? NativeFile.PMIX_HELPER : NativeFile.PMI_LIBRARY;
  }

  /** The value in the ranks' environment. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
