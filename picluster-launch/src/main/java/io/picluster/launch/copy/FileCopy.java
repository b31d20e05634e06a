package io.picluster.launch.copy;

import io.picluster.launch.hosts.Host;
import io.picluster.launch.hosts.HostList;
import io.picluster.launch.hosts.LocalHostCheck;
import io.picluster.launch.remote.ControlDir;
import io.picluster.launch.remote.SshCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code picluster copy}: puts every file of a {@link CopyPlan} on every host, all hosts at once,
 * and prints one summary line per host at the end. The launcher's own host (see {@link
 * LocalHostCheck}) is copied to directly, which is nothing at all unless the files go somewhere
 * else ({@code --to}). A host that fails is reported and the others go on.
 */
public final class FileCopy {
  private final CopyPlan plan;
  private final HostList hosts;
  private final LocalHostCheck localCheck;
  private final CopyOutput output;
  private final Object localTurn = new Object();

  public FileCopy(CopyPlan plan, HostList hosts, LocalHostCheck localCheck, CopyOutput output) {
    this.plan = plan;
    this.hosts = hosts;
    this.localCheck = localCheck;
    this.output = output;
  }

  /** Copies; true if every host has every file in the end. */
  public boolean run() throws IOException, InterruptedException {
    Path controlDir = ControlDir.create();
    SshCommand ssh = new SshCommand(controlDir);
    Leftovers leftovers = new Leftovers();
    Thread hook = new Thread(() -> {
      output.stop("picluster: copy stopped; files not copied yet were left as they were");
      leftovers.clear();
      deleteTree(controlDir);
    }, "copy-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    List<Host> targets = hosts.hosts();
    HostTally[] tallies = new HostTally[targets.size()];
    try {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        Host h = targets.get(i);
        int slot = i;
        Thread t = new Thread(() -> tallies[slot] = copyTo(h, ssh, leftovers), "copy-" + h.name());
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      deleteTree(controlDir);
    }
    boolean ok = true;
    for (int i = 0; i < tallies.length; i++) {
      HostTally tally = tallies[i] != null ? tallies[i]
          : failed(targets.get(i), plan.items(), "its copy ended unexpectedly"); // an Error
      output.result(tally.summary());
      ok &= tally.failedCount() == 0;
    }
    output.close();
    return ok;
  }

  private HostTally copyTo(Host h, SshCommand ssh, Leftovers leftovers) {
    List<CopyItem> items = plan.items();
    try {
      if (localCheck.isLocal(h)) {
        synchronized (localTurn) { // two names for this machine: one copy at a time
          return new LocalCopy(h.name(), items, output, leftovers).run();
        }
      }
      return new RemoteCopy(h.name(), ssh, items, output, leftovers).run();
    } catch (InterruptedException e) {
      return failed(h, items, "interrupted");
    } catch (RuntimeException e) {
      return failed(h, items, "internal error: " + e);
    }
  }

  private HostTally failed(Host h, List<CopyItem> items, String reason) {
    HostTally tally = new HostTally(h.name());
    tally.failed(items.size());
    output.message("picluster: cannot copy " + RemoteCopy.names(items) + " to " + h.name() + ": "
        + reason);
    return tally;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // sockets of a master that is still ending; the folder is empty once it has
    }
  }
}
