package io.picluster.launch.openmpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.launch.detect.MpiLibrary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which way an Open MPI job's ranks join: Open MPI 5 over PMIx, Open MPI 4 by flux unless asked. */
class OpenMpiRouteTest {
  @Test
  void openMpi5TakesThePmixRouteAndOpenMpi4TheFluxRouteUnlessAsked() {
    assertThat(OpenMpiRoute.choose(MpiLibrary.OPEN_MPI_5, Map.of())).isEqualTo(OpenMpiRoute.PMIX);
    assertThat(OpenMpiRoute.choose(MpiLibrary.OPEN_MPI_4, Map.of())).isEqualTo(OpenMpiRoute.FLUX);
    assertThat(OpenMpiRoute.choose(MpiLibrary.OPEN_MPI_4, Map.of(OpenMpiRoute.ENV, "PMIx"))).isEqualTo(OpenMpiRoute.PMIX);
    assertThat(OpenMpiRoute.choose(MpiLibrary.OPEN_MPI_4, Map.of(OpenMpiRoute.ENV, "flux"))).isEqualTo(OpenMpiRoute.FLUX);
  }

  @Test
  void aRouteThatCannotBeIsRefusedInOneLine() {
    assertThatThrownBy(() -> OpenMpiRoute.choose(MpiLibrary.OPEN_MPI_5, Map.of(OpenMpiRoute.ENV, "flux")))
        .hasMessage("PICLUSTER_OPENMPI_ROUTE=flux works for Open MPI 4 only, and this program uses Open MPI 5;"
            + " unset it (Open MPI 5 takes the pmix route)");
    assertThatThrownBy(() -> OpenMpiRoute.choose(MpiLibrary.OPEN_MPI_4, Map.of(OpenMpiRoute.ENV, "ssh")))
        .hasMessage("PICLUSTER_OPENMPI_ROUTE=ssh is no route; use flux (Open MPI 4 only) or pmix, or leave it unset");
  }

  @Test
  void theLauncherMarksTheJobWithItsIdReleaseAndRoute() {
    Map<String, String> mark = OpenMpiBridge.mark(MpiLibrary.OPEN_MPI_5, Map.of());

    assertThat(mark).containsEntry(OpenMpiBridge.RELEASE, "OPEN_MPI_5").containsEntry(OpenMpiRoute.ENV, "pmix");
    assertThat(OpenMpiBridge.requested(mark)).isTrue();
    assertThat(OpenMpiBridge.release(mark)).isEqualTo(MpiLibrary.OPEN_MPI_5);
    assertThat(OpenMpiRoute.of(mark)).isEqualTo(OpenMpiRoute.PMIX);
    assertThat(OpenMpiRoute.of(OpenMpiBridge.mark(MpiLibrary.OPEN_MPI_4, Map.of()))).isEqualTo(OpenMpiRoute.FLUX);
  }
}
