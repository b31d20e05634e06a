package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.launch.JobSpec;
import io.picluster.launch.Launcher;
import java.io.ByteArrayOutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A job under the real launcher that a test watches and acts on while it runs. */
final class LiveJob {
  /** How soon a failed rank must end the job: the bound is 2 s, with margin for a loaded machine. */
  static final Duration FAILURE_BOUND = Duration.ofSeconds(5);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> exit;

  private LiveJob(JobSpec spec) {
    exit = CompletableFuture.supplyAsync(() -> new Launcher(out, err).run(spec));
  }

  static LiveJob start(int ranks, Class<?> main, String... args) {
    return start(Map.of(), ranks, main, args);
  }

  static LiveJob start(Map<String, String> env, int ranks, Class<?> main, String... args) {
    JobSpec spec = JobSpec.of(ranks, RankRun.javaCommand(main, args)).withStdin(Redirect.PIPE);
    return new LiveJob(env.isEmpty() ? spec : spec.withEnv(env));
  }

  String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits until every rank printed its {@code pid RANK PID} line. */
  Map<Integer, Long> awaitPids(int ranks) {
    await().atMost(RankRun.LIVENESS).until(() -> RankPids.in(stdout()).size() == ranks);
    return RankPids.in(stdout());
  }

  int awaitExit(Duration within) {
    try {
      return exit.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the job did not end within " + within + "\n" + output());
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("the launcher failed: " + e, e);
    }
  }

  /**
   * SIGKILLs rank RANK by its PID once all RANKS have printed theirs, and asserts that the job then
   * fails within {@link #FAILURE_BOUND}, naming the rank, and that no rank is left. Returns the
   * launcher's stderr, for what else it should say.
   */
  String killRankAndAwaitTheEnd(int ranks, int rank) {
    Map<Integer, Long> pids = awaitPids(ranks);
    long killedAt = System.nanoTime();
    ProcessHandle.of(pids.get(rank)).orElseThrow().destroyForcibly();
    int code = awaitExit(RankRun.LIVENESS);
    Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
    System.out.println("job ended " + took.toMillis() + " ms after rank " + rank + " was SIGKILLed");
    assertThat(code).as(output()).isNotZero();
    assertThat(took).as(output()).isLessThan(FAILURE_BOUND);
    assertThat(stderr()).contains("rank " + rank);
    await().atMost(Duration.ofSeconds(5)).until(() -> !RankPids.anyAlive(pids));
    return stderr();
  }

  String output() {
    return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
  }
}
