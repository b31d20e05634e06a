import mpi.MPI;

// An MPJ Express (mpiJava 1.2) program as such programs are written: no throws clause, offsets in
// every call. Prints what Init returned: the program's arguments, unchanged.
public class MpjStyle {
  public static void main(String[] args) {
    String[] rest = MPI.Init(args);
    int rank = MPI.COMM_WORLD.Rank();
    int size = MPI.COMM_WORLD.Size();
    int[] mine = {rank};
    int[] sum = new int[1];
    MPI.COMM_WORLD.Allreduce(mine, 0, sum, 0, 1, MPI.INT, MPI.SUM);
    System.out.println("mpj rank " + rank + " of " + size + " on " + MPI.Get_processor_name() + " sum "
        + sum[0] + " args " + String.join(",", rest));
    MPI.Finalize();
  }
}
