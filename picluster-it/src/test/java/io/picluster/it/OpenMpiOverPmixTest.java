package io.picluster.it;

import java.util.List;

/**
 * {@link OpenMpiUnderPiclusterTest}'s programs and checks, on the route Open MPI 5 takes: each
 * node's ranks get their PMIx server from picluster's helper (picluster-pmix over Debian's
 * libpmix.so.2), which bridges their fences, finalizes and aborts to picluster's PMI-1 server. CI
 * has Open MPI 4.1 only, which takes this route when asked (PICLUSTER_OPENMPI_ROUTE=pmix); Open MPI
 * 5 itself is checked by bin/check-openmpi5 in a Debian 13 root.
 */
class OpenMpiOverPmixTest extends OpenMpiUnderPiclusterTest {
  @Override
  List<String> route() {
    return List.of("PICLUSTER_OPENMPI_ROUTE=pmix");
  }
}
