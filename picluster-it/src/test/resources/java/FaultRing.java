import io.picluster.comm.Comm;
import io.picluster.comm.CommException;

// For the fault tests: prints "ready RANK PID HOST", then passes a counter around the ring of ranks
// args[0] times (0: until the job is stopped, at most 10 minutes); each rank adds one, and rank 0
// prints "ring done COUNT" (ranks x laps). Every rank always waits on its neighbour, so a rank that
// is frozen or cut off stalls all the others: only the launcher can end such a job.
public class FaultRing {
  public static void main(String[] args) throws Exception {
    Comm world = Comm.world();
    int rank = world.rank();
    int size = world.size();
    long laps = args.length > 0 ? Long.parseLong(args[0]) : 0;
    System.out.println("ready " + rank + " " + ProcessHandle.current().pid() + " "
        + Comm.processorName());
    System.out.flush();
    long deadline = System.nanoTime() + 600_000_000_000L;
    long count = 0;
    try {
      for (long lap = 0; (laps == 0 || lap < laps) && System.nanoTime() < deadline; lap++) {
        if (rank == 0) {
          world.send(count + 1, 1 % size, 7);
          count = world.<Long>recv(size - 1, 7);
        } else {
          count = world.<Long>recv(rank - 1, 7);
          world.send(count + 1, (rank + 1) % size, 7);
        }
        if (laps == 0) {
          Thread.sleep(5); // a live job, not a busy loop
        }
      }
    } catch (CommException e) {
      System.err.println("rank " + rank + ": " + e.getMessage()); // one line, as a user's job would
      System.exit(1);
    }
    if (rank == 0) {
      System.out.println("ring done " + count);
    }
  }
}
