package io.picluster.launch.openmpi;

import io.picluster.comm.internal.KernelRandom;
import io.picluster.launch.detect.MpiLibrary;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an Open MPI program runs as one job under picluster's PMI-1 server, by either
 * {@link OpenMpiRoute}. The flux route (Open MPI 4.x): Debian's Open MPI 4.1 has no PMI-1 client,
 * but its {@code flux} pmix component takes a direct launch when {@code FLUX_JOB_ID} is set and calls
 * the PMI-1 API of the library that {@code FLUX_PMI_LIBRARY_PATH} names: picluster's own
 * ({@link NativeFile#PMI_LIBRARY}), which speaks to the launcher as MPICH's ranks do. The pmix route
 * (Open MPI 5, or 4 on request): each node's {@link PmixHelper} is the ranks' PMIx server; Open MPI
 * 4 still needs {@code FLUX_JOB_ID} to count as launched (its schizo step), and then prefers PMIx.
 * Either way Open MPI uses shared memory between the ranks of a node and TCP between nodes.
 *
 * <p>The launcher marks a job of an Open MPI program with {@link #JOB} (its job id) and
 * {@link OpenMpiRoute#ENV}; each host, the launcher's for its own ranks and every agent for its own,
 * adds {@link #additions}.
 */
public final class OpenMpiBridge {
  /** Set by the launcher in every rank's environment: the job id Open MPI's ranks share. */
  public static final String JOB = "PICLUSTER_OPENMPI_JOB";
  /** Set by the launcher with {@link #JOB}: the release it found (an {@link MpiLibrary} name), which every host must have. */
  public static final String RELEASE = "PICLUSTER_OPENMPI_RELEASE";

  private OpenMpiBridge() {}

  /**
   * A job id for one job: unique among the jobs that share a node, since Open MPI names its shared
   * memory segments ({@code /dev/shm/vader_segment.HOST.UID.JOBID.LOCALRANK}) and session folders by
   * it. Open MPI splits the 32 bits into a job family and a local job id of 16 bits each and loses
   * bit 15 of the local id between ranks (measured: 65535 and 98304 fail, 0x7fff7fff works), so
   * both halves stay below 0x8000, and above 0: 30 random bits.
   */
  public static String newJobId() {
    // From the kernel, not a SecureRandom: loading this class (every launch asks requested())
    // must not load the JDK's security providers.
    ByteBuffer random = ByteBuffer.wrap(KernelRandom.bytes(2 * Integer.BYTES));
    int family = 1 + Math.floorMod(random.getInt(), 0x7fff);
    int local = 1 + Math.floorMod(random.getInt(), 0x7fff);
    return Integer.toString(family << 16 | local);
  }

  /** True if the launcher marked this job's ranks as Open MPI ranks. */
  public static boolean requested(Map<String, String> env) {
    String id = env.get(JOB);
    return id != null && !id.isEmpty();
  }

  /** The Open MPI release the launcher found for a marked job, else null. */
  public static MpiLibrary release(Map<String, String> env) {
    if (!requested(env)) {
      return null;
    }
    try {
      return MpiLibrary.valueOf(env.getOrDefault(RELEASE, ""));
    } catch (IllegalArgumentException e) {
      return MpiLibrary.OPEN_MPI_4; // a launcher from before the release was marked
    }
  }

  /**
   * What the launcher adds to the job's environment for a program on Open MPI {@code release}.
   *
   * @throws IllegalArgumentException one line, if {@link OpenMpiRoute#ENV} asks for a route that cannot be
   */
  public static Map<String, String> mark(MpiLibrary release, Map<String, String> env) {
    Map<String, String> add = new LinkedHashMap<>();
    add.put(JOB, newJobId());
    add.put(RELEASE, release.name());
    add.put(OpenMpiRoute.ENV, OpenMpiRoute.choose(release, env).value());
    return add;
  }

  /**
   * What a rank of a marked job adds to its environment on this host (on the pmix route, besides
   * what its node's {@link PmixHelper} gives it).
   *
   * @param env the rank's environment so far (the job's variables win over ours)
   * @param library on the flux route, this host's copy of libpicluster-pmi.so for the ranks'
   *     architecture; null on the pmix route
   * @param backbone the interface between nodes (eth0), or null when the job runs on one node or
   *     none can be told: Open MPI's TCP (its byte transport and its out-of-band channel) is kept to
   *     it, never a Wi-Fi interface that is also up
   */
  public static Map<String, String> additions(Map<String, String> env, Path library, String backbone) {
    Map<String, String> add = new LinkedHashMap<>();
    // Open MPI 4 counts as launched (schizo/flux) only with it; Open MPI 5 ignores it.
    add.put("FLUX_JOB_ID", env.get(JOB));
    if (library != null) {
      add.put("FLUX_PMI_LIBRARY_PATH", library.toString());
      // The flux component and no other: a PMIX_* variable inherited from elsewhere must not win.
      putUnlessSet(env, add, "OMPI_MCA_pmix", "flux");
    }
    if (backbone != null) {
      putUnlessSet(env, add, "OMPI_MCA_btl_tcp_if_include", backbone);
      putUnlessSet(env, add, "OMPI_MCA_oob_tcp_if_include", backbone);
    }
    return add;
  }

  private static void putUnlessSet(Map<String, String> env, Map<String, String> add, String name, String value) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      add.put(name, value);
    }
  }
}
