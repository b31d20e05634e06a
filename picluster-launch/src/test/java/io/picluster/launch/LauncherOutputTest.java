package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Output forwarding, stdin, and what each rank is given (environment, process group). */
@Timeout(120)
class LauncherOutputTest {
  private static final int N = 4;

  private static List<String> expectedStdout(int rank) {
    return List.of(
        "first line from " + rank,
        "half a line from " + rank + " and the rest from " + rank,
        String.valueOf(rank).repeat(100000),
        "tail without newline from " + rank);
  }

  @Test
  void linesArriveWholeWithoutTags() {
    LaunchResult r = LaunchResult.run(JobSpec.of(N, TestRanks.command(null, "output")));

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).endsWith("\n");
    List<String> out = r.outLines();
    assertThat(out).hasSize(4 * N);
    for (int rank = 0; rank < N; rank++) {
      assertThat(out).containsAll(expectedStdout(rank));
      assertThat(r.errLines()).contains("error line from " + rank);
    }
  }

  @Test
  void tagModePrefixesEveryLineWithItsRank() {
    LaunchResult r =
        LaunchResult.run(JobSpec.of(N, TestRanks.command(null, "output")).withTagOutput(true));

    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines()).hasSize(4 * N);
    for (int rank = 0; rank < N; rank++) {
      String tag = "[" + rank + "] ";
      assertThat(r.outLines()).containsAll(expectedStdout(rank).stream().map(l -> tag + l).toList());
      assertThat(r.errLines()).contains(tag + "error line from " + rank);
    }
  }

  @Test
  void onlyRankZeroReadsStdin(@TempDir Path dir) throws IOException {
    Path input = Files.writeString(dir.resolve("input"), "alpha\nbeta\ngamma\n");
    LaunchResult r =
        LaunchResult.run(
            JobSpec.of(3, TestRanks.command(null, "stdin")).withStdin(Redirect.from(input.toFile())));

    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines())
        .containsExactlyInAnyOrder(
            "rank 0 read 3 lines: alpha|beta|gamma", "rank 1 read 0 lines: ", "rank 2 read 0 lines: ");
  }

  @Test
  void eachRankIsItsOwnSessionLeaderStartedInPlaceWithPmiEnvironment() {
    JobSpec spec =
        JobSpec.of(2, TestRanks.command(null, "identity"))
            .withEnv(Map.of("EXTRA_ONE", "one", "EXTRA_TWO", "two words", "PMI_ID", "99"));
    LaunchResult r = LaunchResult.run(spec);

    assertThat(r.exitCode()).isZero();
    long me = ProcessHandle.current().pid();
    for (int rank = 0; rank < 2; rank++) {
      String prefix = "rank " + rank + " ";
      String ids =
          r.outLines().stream().filter(l -> l.startsWith(prefix + "pid=")).findFirst().orElseThrow();
      String[] f = ids.substring(prefix.length()).split(" ");
      String pid = f[0].substring(4);
      // setsid exec'd in place: pid = process group = session, and the launcher is the parent.
      assertThat(f[1]).isEqualTo("pgid=" + pid);
      assertThat(f[2]).isEqualTo("sid=" + pid);
      assertThat(f[3]).isEqualTo("ppid=" + me);
      assertThat(r.outLines())
          .contains(
              prefix + "env PMI_RANK=" + rank,
              prefix + "env PMI_SIZE=2",
              prefix + "env MPI_LOCALNRANKS=2",
              prefix + "env MPI_LOCALRANKID=" + rank,
              prefix + "env PMI_FD=<unset>",
              prefix + "env EXTRA_ONE=one",
              prefix + "env EXTRA_TWO=two words");
      assertThat(r.outLines()).anyMatch(l -> l.matches(prefix + "env PMI_PORT=127\\.0\\.0\\.1:[0-9]+"));
    }
    // Each rank's PMI id is its own random positive int, not its rank (nor the 99 the job asked
    // for); the job's secret is the same 128 bits for every rank.
    List<String> pmiIds = r.outLines().stream().filter(l -> l.contains(" env PMI_ID=")).toList();
    assertThat(pmiIds).hasSize(2).allMatch(l -> l.matches("rank [01] env PMI_ID=[1-9][0-9]{0,9}"));
    assertThat(pmiIds.get(0).split("=")[1]).isNotEqualTo(pmiIds.get(1).split("=")[1]);
    List<String> secrets = r.outLines().stream()
        .filter(l -> l.contains(" env PICLUSTER_JOB_SECRET=")).map(l -> l.split("=")[1]).toList();
    assertThat(secrets).hasSize(2).allMatch(v -> v.matches("[0-9a-f]{32}"));
    assertThat(secrets.get(0)).isEqualTo(secrets.get(1));
  }
}
