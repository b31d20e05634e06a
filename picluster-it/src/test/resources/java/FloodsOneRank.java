import io.picluster.comm.Comm;

// For the fault tests: rank 1 receives 4 MiB messages from every other rank, which send them with
// blocking sends for at most args[0] seconds; each prints "ready RANK PID" first and "sent N" every
// 16 messages. When rank 1 stops reading (the test SIGSTOPs it), the senders must block in send
// (bounded buffering), not fill their memory.
public class FloodsOneRank {
  public static void main(String[] args) throws Exception {
    Comm world = Comm.world();
    int rank = world.rank();
    long seconds = Long.parseLong(args[0]);
    System.out.println("ready " + rank + " " + ProcessHandle.current().pid());
    System.out.flush();
    byte[] block = new byte[4 << 20];
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long n = 0;
    if (rank == 1) {
      while (System.nanoTime() < end) {
        world.recv(block, 0, block.length, Comm.ANY_SOURCE, 3);
      }
    } else {
      while (System.nanoTime() < end) {
        world.send(block, 0, block.length, 1, 3);
        if (++n % 16 == 0) {
          System.out.println("sent " + rank + " " + n);
          System.out.flush();
        }
      }
    }
  }
}
