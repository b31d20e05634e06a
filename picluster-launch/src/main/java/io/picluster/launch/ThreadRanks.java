package io.picluster.launch;

import io.picluster.launch.threads.JavaCommand;
import io.picluster.launch.threads.RankClassFiles;
import io.picluster.launch.threads.RankExchange;
import io.picluster.launch.threads.ThreadRank;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The ranks on the launcher's own host run as threads of the launcher's JVM (threads mode): each
 * a {@link ThreadRank} with its own class loader, its lines going straight to the job's sinks.
 * Stopping one cuts its connections and interrupts its threads; one that has not ended by the time
 * it would be SIGKILLed counts as killed, and its threads are left to end with the JVM.
 */
final class ThreadRanks implements HostRanks {
  private final String host;
  private final List<Integer> ranks;
  private final JavaCommand program;
  private final IntFunction<Map<String, String>> environment;
  private final boolean rankZeroReadsStdin;
  private final LocalRanks.Output output;
  private final BlockingQueue<JobEvent> events;
  private final Function<Consumer<String>, Consumer<String>> pmiInJvm;
  private final List<ThreadRank> started = new ArrayList<>();
  private final RankClassFiles classFiles = new RankClassFiles();

  /**
   * @param pmiInJvm connects a rank to the job's PMI server, which runs in this JVM: its lines go
   *     in directly rather than over a socket (PmiServer.connectInJvm)
   */
  ThreadRanks(String host, List<Integer> ranks, JavaCommand program,
      IntFunction<Map<String, String>> environment, boolean rankZeroReadsStdin,
      LocalRanks.Output output, BlockingQueue<JobEvent> events,
      Function<Consumer<String>, Consumer<String>> pmiInJvm) {
    this.pmiInJvm = pmiInJvm;
    this.host = host;
    this.ranks = List.copyOf(ranks);
    this.program = program;
    this.environment = environment;
    this.rankZeroReadsStdin = rankZeroReadsStdin;
    this.output = output;
    this.events = events;
    classFiles.readAhead(program.classpath(), program.mainClass());
  }

  @Override
  public String label() {
    return host;
  }

  @Override
  public List<Integer> ranks() {
    return ranks;
  }

  @Override
  public void prepare() {
    // The java command line was checked when the job was made.
  }

  @Override
  public boolean start() {
    ThreadRank.Listener listener = new ThreadRank.Listener() {
      @Override
      public void line(int rank, int stream, byte[] b, int off, int len, boolean newline) {
        (stream == 1 ? output.out() : output.err()).write(output.prefix(rank), b, off, len, newline);
      }

      @Override
      public void exited(int rank, int code) {
        events.add(new JobEvent.Exited(rank, code));
      }
    };
    RankExchange exchange = new RankExchange();
    for (int r : ranks) {
      ThreadRank rank = new ThreadRank(r, program, environment.apply(r), r == 0 && rankZeroReadsStdin,
          listener, classFiles, exchange, pmiInJvm);
      synchronized (started) {
        started.add(rank);
      }
      rank.start();
    }
    return true;
  }

  @Override
  public void terminate() {
    for (ThreadRank r : snapshot()) {
      r.stop();
    }
  }

  @Override
  public void kill() {
    for (ThreadRank r : snapshot()) {
      r.kill();
    }
  }

  @Override
  public void awaitGone(long deadlineNanos) throws InterruptedException {
    for (ThreadRank r : snapshot()) {
      if (!r.awaitGone(deadlineNanos)) {
        return;
      }
    }
  }

  @Override
  public void close() {
    kill();
  }

  private List<ThreadRank> snapshot() {
    synchronized (started) {
      return new ArrayList<>(started);
    }
  }
}
