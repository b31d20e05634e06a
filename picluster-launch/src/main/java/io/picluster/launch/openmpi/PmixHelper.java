package io.picluster.launch.openmpi;

import io.picluster.launch.LaunchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One node's PMIx server for the Open MPI ranks picluster starts there: picluster-pmix (src/main/
 * native), which hosts the server of Open MPI's own libpmix. Started before the node's ranks, it
 * registers the job and hands back each local rank's environment (where its PMIx server is); the
 * ranks are then started as any others. It bridges the ranks' fences, finalizes and aborts to
 * picluster's PMI-1 server, one connection per rank under that rank's PMI_ID, so the launcher sees
 * Open MPI ranks as it sees MPICH's. It ends when {@link #close} closes its input, or when this JVM
 * dies (the same end of input), and removes its temporary folder.
 */
public final class PmixHelper implements AutoCloseable {
  /** Longest the helper may take to set up the server and register the node's ranks. */
  private static final long START_MILLIS = 30_000;
  /** How long the helper gets to finish after its input closed, before it is killed. */
  private static final long CLOSE_MILLIS = 2_000;

  private final Process process;
  private final Map<Integer, Map<String, String>> environments;

  private PmixHelper(Process process, Map<Integer, Map<String, String>> environments) {
    this.process = process;
    this.environments = environments;
  }

  /**
   * Starts this node's helper and waits until it has registered the node's ranks.
   *
   * @param binary this host's copy of picluster-pmix ({@link NativeFile#PMIX_HELPER})
   * @param layout the job's nodes and ranks
   * @param pmiIds the PMI_ID of each rank on this node (the ranks this node runs)
   * @param pmiPort the PMI server's host:port, as the ranks' PMI_PORT
   * @param messages where the helper's error lines go (one line each)
   * @throws LaunchException one line saying why the node's PMIx server did not start
   */
  public static PmixHelper start(Path binary, PmixLayout layout, Map<Integer, String> pmiIds, String pmiPort,
      Consumer<String> messages) throws LaunchException {
    int node = layout.nodeOf(pmiIds.keySet().iterator().next());
    StringBuilder job = new StringBuilder();
    job.append("nspace ").append(layout.nspace()).append('\n');
    job.append("node ").append(node).append('\n');
    job.append("hosts ").append(String.join(" ", layout.hosts())).append('\n');
    job.append("ranks");
    for (int r = 0; r < layout.size(); r++) {
      job.append(' ').append(layout.nodeOf(r));
    }
    job.append('\n');
    job.append("pmi ").append(pmiPort).append('\n');
    for (Map.Entry<Integer, String> e : new TreeMap<>(pmiIds).entrySet()) {
      job.append("local ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    job.append("go\n");

    ProcessBuilder pb = new ProcessBuilder(binary.toString());
    // A PMIx server of someone else (slurmstepd's, say) is none of the helper's business.
    pb.environment().keySet().removeIf(k -> k.startsWith("PMIX_") || k.startsWith("PMI_"));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new LaunchException("cannot start the PMIx helper " + binary + ": " + e.getMessage());
    }
    ErrorLines errors = new ErrorLines();
    Thread stderr = new Thread(() -> errors.read(p), "pmix-helper-stderr");
    stderr.setDaemon(true);
    stderr.start();
    Timer timer = new Timer("pmix-helper-start", true);
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        p.destroyForcibly();
      }
    }, START_MILLIS);
    Map<Integer, Map<String, String>> environments = new HashMap<>();
    boolean ready = false;
    try {
      OutputStream in = p.getOutputStream();
      in.write(job.toString().getBytes(StandardCharsets.UTF_8));
      in.flush();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      for (String line; !ready && (line = out.readLine()) != null; ) {
        ready = line.equals("ready");
        String[] f = line.split(" ", 3);
        int eq = f.length == 3 ? f[2].indexOf('=') : -1;
        if (f[0].equals("env") && eq > 0) {
          environments.computeIfAbsent(Integer.parseInt(f[1]), r -> new HashMap<>())
              .put(f[2].substring(0, eq), f[2].substring(eq + 1));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // said below, with what the helper said
    } finally {
      timer.cancel();
    }
    if (!ready) {
      p.destroyForcibly();
      try {
        p.waitFor(CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        stderr.join(CLOSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String why = errors.last();
      if (why == null) {
        why = p.isAlive() ? "it did not answer in " + START_MILLIS / 1000 + " s" : "it ended";
      }
      throw new LaunchException("the PMIx server for Open MPI's ranks did not start: " + why);
    }
    errors.from(messages);
    return new PmixHelper(p, environments);
  }

  /**
   * What rank {@code rank} of this node adds to its environment {@code env}: where its PMIx server
   * is, and where Open MPI keeps its files (the helper's folders, which it removes), unless the job
   * set those Open MPI parameters itself.
   */
  public Map<String, String> additions(int rank, Map<String, String> env) {
    Map<String, String> add = new HashMap<>();
    environments.getOrDefault(rank, Map.of()).forEach((k, v) -> {
      if (!k.startsWith("OMPI_MCA_") || !env.containsKey(k)) {
        add.put(k, v);
      }
    });
    return add;
  }

  /** Ends the helper (its ranks are gone): it finalizes the server and removes its folder. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(CLOSE_MILLIS, TimeUnit.MILLISECONDS)) {
        process.destroy(); // SIGTERM: it still removes its folders
        if (!process.waitFor(CLOSE_MILLIS, TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The helper's error lines: kept while it starts (a failed start says the last one), passed on
   * to the job's messages once it has started.
   */
  private static final class ErrorLines {
    private final List<String> kept = new ArrayList<>();
    private Consumer<String> messages;

    void read(Process p) {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null; ) {
          add(line);
        }
      } catch (IOException e) {
        // the helper is gone
      }
    }

    private synchronized void add(String line) {
      if (messages != null) {
        messages.accept(line);
      } else {
        kept.add(line);
      }
    }

    synchronized String last() {
      return kept.isEmpty() ? null : kept.get(kept.size() - 1);
    }

    synchronized void from(Consumer<String> to) {
      kept.forEach(to);
      messages = to;
    }
  }
}
