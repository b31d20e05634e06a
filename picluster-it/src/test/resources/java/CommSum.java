import io.picluster.comm.Comm;
import io.picluster.comm.Op;

// A picluster-comm program: the ranks add up their ranks; each prints its host and the sum.
public class CommSum {
  public static void main(String[] args) {
    Comm world = Comm.world();
    long sum = world.allreduce((long) world.rank(), Op.SUM);
    System.out.println("rank " + world.rank() + " of " + world.size() + " on " + Comm.processorName()
        + " sum " + sum);
  }
}
